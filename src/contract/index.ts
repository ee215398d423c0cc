export * from './channels';
export * from './commands';
export * from './outcome';
export type * from './view';
