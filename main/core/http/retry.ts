import type { IncomingHttpHeaders } from 'node:http';
import { cancelled } from '../app-error';
import type { AppErrorException } from '../app-error';

/** How hard to retry a request. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  limit: number;
  /** First back-off delay when the backend gives no Retry-After (doubles each time; default 500 ms). */
  baseDelayMs: number;
  /** Longest wait the client accepts; a longer Retry-After fails at once and says when to retry (default 30 s). */
  maxDelayMs: number;
}

const DEFAULTS: RetryOptions = { limit: 2, baseDelayMs: 500, maxDelayMs: 30_000 };
const retryAfters = new WeakMap<AppErrorException, number>();

/** Retry-After of a response, in whole seconds, when present and sane. */
export function retryAfterSeconds(headers: IncomingHttpHeaders): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Remembers the Retry-After (seconds) a failed response carried. */
export function rememberRetryAfter(error: AppErrorException, seconds: number | null): AppErrorException {
  if (seconds !== null) retryAfters.set(error, seconds);
  return error;
}

/** Whether a failure may be retried: nothing was received, or the backend asked to come back later. */
function retryable(error: AppErrorException): boolean {
  const { kind, status } = error.appError;
  return status === 429 || status === 502 || status === 503 || status === 504 || (status === undefined && (kind === 'network' || kind === 'timeout'));
}

/**
 * How long to wait before retry number `attempt` (0 = the first) after `error`, or null not to
 * retry: the error is not retryable, the limit is reached, or the Retry-After is too long.
 */
export function retryDelayMs(error: AppErrorException, attempt: number, options: Partial<RetryOptions> = {}): number | null {
  const { limit, baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  if (attempt >= limit || !retryable(error)) return null;
  const retryAfter = retryAfters.get(error);
  if (retryAfter !== undefined) return retryAfter * 1000 <= maxDelayMs ? retryAfter * 1000 : null;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
}

/** Waits `ms` before a retry; a cancel meanwhile rejects at once. */
export function retryPause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(cancelled());
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
