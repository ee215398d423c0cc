export function recordFor(seq: number): { seq: number; body: string };
