import type { Trace, TraceStep } from '../src/core/trace';

export interface Mark {
  step: TraceStep;
  at: number;
}

/** A Trace that notes when each step happened (performance.now(), ms). */
export class TraceRecorder implements Trace {
  marks: Mark[] = [];

  mark(step: TraceStep): void {
    this.marks.push({ step, at: performance.now() });
  }

  clear(): void {
    this.marks = [];
  }

  /** The first mark of `step` at or after `from`; throws when the step never happened. */
  at(step: TraceStep, from = -Infinity): number {
    const found = this.marks.find((mark) => mark.step === step && mark.at >= from);
    if (!found) throw new Error(`The trace has no '${step}' after ${from.toFixed(1)} ms; it has: ${this.marks.map((m) => m.step).join(', ')}`);
    return found.at;
  }

  /** Every mark of `step` between `from` and `to`. */
  all(step: TraceStep, from: number, to: number): number[] {
    return this.marks.filter((mark) => mark.step === step && mark.at >= from && mark.at <= to).map((mark) => mark.at);
  }
}

/**
 * Reads the server's own share of each token request from its `Server-Timing` header, by wrapping
 * the process's fetch (the Electron double's net.fetch calls it) while `run` lasts.
 */
export async function withServerTiming<T>(path: string, run: (shares: number[]) => Promise<T>): Promise<T> {
  const shares: number[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).pathname === path) {
      const duration = /(?:^|,)\s*exchange;dur=([\d.]+)/u.exec(response.headers.get('server-timing') ?? '');
      if (duration) shares.push(Number(duration[1]));
    }
    return response;
  };
  try {
    return await run(shares);
  } finally {
    globalThis.fetch = original;
  }
}
