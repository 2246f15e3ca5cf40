import type { ServerResponse } from 'node:http';

/**
 * A misbehaviour the sample backend can be told to show on a batch request. Tests configure
 * them in-process through `startSampleBackend({ faults })`; nothing over HTTP or in the UI can.
 */
export type Fault =
  /** Waits before answering, then answers normally. */
  | { kind: 'delay'; ms: number }
  /** Sends the headers and `afterBytes` body bytes, then nothing more while keeping the connection open. */
  | { kind: 'stall'; afterBytes: number }
  /** Sends the headers and `afterBytes` body bytes, then resets the connection. */
  | { kind: 'drop'; afterBytes: number }
  /**
   * Declares a Content-Length `delta` bytes off the real body. Positive: the whole body is sent,
   * then the connection is closed short of the promise. Negative: exactly the declared (short)
   * number of bytes is sent, so the response looks complete but the body is truncated.
   */
  | { kind: 'wrong-length'; delta: number }
  /** Answers with this status (5xx, 429 with Retry-After, anything) and an optional body. */
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Answers 200 with an HTML page (a login page or proxy error, as some gateways do). */
  | { kind: 'html' }
  /** Redirects the request to `location` (another origin, typically), 307 by default so POST is kept. */
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 };

/** What a fault function sees about a batch request. */
export interface FaultContext {
  /** 0 for the first batch request this server received, 1 for the next, … */
  index: number;
  mode: 'zip' | 'urls';
}

/** Faults by request order (`faults[0]` for the first batch request, none once exhausted), or a function. */
export type FaultPlan = ReadonlyArray<Fault | null> | ((context: FaultContext) => Fault | null | undefined);

/** The fault planned for a request, if any. */
export function faultFor(plan: FaultPlan | undefined, context: FaultContext): Fault | null {
  if (!plan) return null;
  if (typeof plan === 'function') return plan(context) ?? null;
  return plan[context.index] ?? null;
}

/** Answers a fault that replaces the response entirely; returns false for faults that shape the body instead. */
export function answerWithFault(fault: Fault, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'status':
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers });
      res.end(fault.body ?? JSON.stringify({ message: `Injected failure ${fault.status}` }));
      return true;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>');
      return true;
    case 'redirect':
      res.writeHead(fault.status ?? 307, { location: fault.location, 'content-type': 'text/plain' });
      res.end('Moved');
      return true;
    default:
      return false;
  }
}

/** How the body of a response is to be cut short by a fault. */
export interface BodyShape {
  /** Content-Length to declare instead of the real one (null: the real one or none). */
  declaredLength: number | null;
  /** Stop after this many body bytes (null: send everything). */
  limit: number | null;
  /** What to do once the limit is reached or the body is done: end normally, reset, or hang. */
  after: 'end' | 'destroy' | 'hang';
}

/** The body shape a fault asks for, given the real body length when known. */
export function bodyShape(fault: Fault | null, realLength: number | null): BodyShape {
  if (fault?.kind === 'drop') return { declaredLength: realLength, limit: fault.afterBytes, after: 'destroy' };
  if (fault?.kind === 'stall') return { declaredLength: realLength, limit: fault.afterBytes, after: 'hang' };
  if (fault?.kind === 'wrong-length' && realLength !== null) {
    const declared = Math.max(0, realLength + fault.delta);
    return fault.delta > 0
      ? { declaredLength: declared, limit: null, after: 'destroy' }
      : { declaredLength: declared, limit: declared, after: 'end' };
  }
  return { declaredLength: realLength, limit: null, after: 'end' };
}
