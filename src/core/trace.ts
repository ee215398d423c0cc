/**
 * Named moments on the paths a person waits on, so `npm run bench` can say where the time goes.
 * The app passes `noTrace`; the benchmark passes one that notes the time of each mark. A mark
 * carries no data: nothing about the user or a secret can leave through it.
 */
export interface Trace {
  mark(step: TraceStep): void;
}

/** The sign-in handoff, in order: from the callback reaching the app to the state being pushed. */
export const handoffSteps = [
  'callback received',
  'callback parsed',
  'exchange answered',
  'vault written',
  'state changed',
  'view pushed',
] as const;

/** The start, in order: from the composition root being called to the tray and the popover. */
export const startSteps = [
  'start called',
  'store opened',
  'tray created',
  'popover window created',
  'keyring asked',
  'token decrypted',
  'start finished',
] as const;

/** A device sign-in: the poll that brings the session, before the vault and the push. */
export const deviceSteps = ['device token received'] as const;

export type TraceStep = (typeof handoffSteps)[number] | (typeof startSteps)[number] | (typeof deviceSteps)[number];

export const noTrace: Trace = { mark() {} };
