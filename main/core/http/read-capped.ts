import type { Readable } from 'node:stream';
import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import { stalledError } from './error-mapping';
import { LowSpeedWatch, tooSlowError } from './low-speed';
import type { LowSpeedRule } from './low-speed';
import type { Peer } from './peer';
import { toAppError } from './to-app-error';

/** How a small body is read. */
export interface ReadCappedOptions {
  /** Bytes kept at most. */
  cap: number;
  /** No byte for this long: fails as `timeout`. */
  idleMs: number;
  /** Past `cap`: fail as `invalid-response` (a JSON answer) instead of keeping the start (an error page). */
  strict?: boolean;
  /** A body slower than this fails as `timeout` (see low-speed.ts); none: only the idle timer. */
  lowSpeed?: LowSpeedRule;
  /** Who sends the body, for the errors' words (default: the backend). */
  peer?: Peer;
}

/**
 * Reads a body as UTF-8 text, at most `cap` bytes (the rest is dropped: error pages and JSON
 * answers are small, and a runaway body must not fill memory). Fails as `timeout` when no byte
 * arrives for `idleMs` or the body breaks the low-speed rule, as `invalid-response` past `cap`
 * when `strict`, and as the mapped request error when the connection breaks.
 */
export async function readCapped(body: Readable, options: ReadCappedOptions): Promise<string> {
  const { cap, idleMs, strict = false, lowSpeed, peer = 'backend' } = options;
  const chunks: Buffer[] = [];
  let length = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped: AppErrorException | null = null;
  const stop = (reason: AppErrorException) => {
    stopped ??= reason;
    body.destroy();
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stop(stalledError(idleMs, peer)), idleMs);
  };
  // The idle timer is re-armed per chunk (these bodies are small); speed is judged on a steady tick.
  const watch = lowSpeed ? new LowSpeedWatch(lowSpeed, performance.now()) : null;
  const speedTimer = watch && lowSpeed
    ? setInterval(() => {
        if (watch.tooSlow(length, performance.now())) stop(tooSlowError(lowSpeed, peer));
      }, Math.max(5, Math.min(100, lowSpeed.durationMs / 10)))
    : undefined;
  try {
    arm();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      arm();
      const room = cap - length;
      if (chunk.length > room) {
        if (strict) throw appError('invalid-response', `The backend's answer is larger than ${Math.round(cap / 1048576)} MiB.`);
        chunks.push(chunk.subarray(0, room));
        length = cap;
        break;
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (error) {
    if (stopped) throw stopped;
    throw toAppError(error, peer);
  } finally {
    clearTimeout(timer);
    clearInterval(speedTimer);
  }
  if (stopped) throw stopped;
  return Buffer.concat(chunks).toString('utf8');
}
