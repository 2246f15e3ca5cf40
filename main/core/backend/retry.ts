import type { AppErrorException } from '../app-error';

/** How hard to retry a batch request. */
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

/** Remembers the Retry-After (seconds) a failed response carried. */
export function rememberRetryAfter(error: AppErrorException, seconds: number | null): AppErrorException {
  if (seconds !== null) retryAfters.set(error, seconds);
  return error;
}

/** How long to wait before retrying after `error` (attempt 0 = the first retry), or null not to retry. */
export function retryDelayMs(error: AppErrorException, attempt: number, options: Partial<RetryOptions> = {}): number | null {
  const { baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  const retryAfter = retryAfters.get(error);
  if (retryAfter !== undefined) return retryAfter * 1000 <= maxDelayMs ? retryAfter * 1000 : null;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
}
