import type { AppErrorException } from '../app-error';
import { toAppError } from '../http/to-app-error';
import { retryPause } from '../http/retry';

/**
 * Errors raised while a body streamed, after the backend had answered 200: a reset, a body
 * short of its length, an idle or low-speed timeout. Only these are asked for again as a whole
 * new request (a batch zip is built per request, so there is no range to resume); a failure
 * before the answer is already retried by the request itself (http/retry.ts), and a refusal,
 * a damaged zip or a cancel never is.
 */
const bodyFailures = new WeakSet<AppErrorException>();

/** Marks `error` (as an AppErrorException) as a body that failed mid-way; hands it back to throw. */
export function bodyFailure(error: unknown): AppErrorException {
  const appError = toAppError(error);
  const { kind } = appError.appError;
  if (kind === 'network' || kind === 'timeout') bodyFailures.add(appError);
  return appError;
}

export function isBodyFailure(error: unknown): boolean {
  return bodyFailures.has(toAppError(error));
}

/** How a body that failed mid-way is asked for again. */
export interface BodyRetryOptions {
  /** More attempts after the first (default 2: three in all). */
  retries: number;
  /** The first wait, doubled each time (default 1 s). */
  baseDelayMs?: number;
  signal?: AbortSignal;
  /** Told before attempt `attempt` of `attempts` (from 2) starts: "retrying (2 of 3)". */
  onRetry?: (attempt: number, attempts: number, reason: AppErrorException) => void;
}

/** Runs `attempt`, asking again (after a growing pause) while it fails as a body failed mid-way. */
export async function withBodyRetries<T>(attempt: () => Promise<T>, options: BodyRetryOptions): Promise<T> {
  const attempts = Math.max(0, options.retries) + 1;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !isBodyFailure(error) || options.signal?.aborted) throw error;
      options.onRetry?.(n + 1, attempts, toAppError(error));
      await retryPause((options.baseDelayMs ?? 1000) * 2 ** (n - 1), options.signal);
    }
  }
}
