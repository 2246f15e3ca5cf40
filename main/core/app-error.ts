import type { AppError, ErrorKind } from '../../shared/errors';

/**
 * An AppError thrown inside core. Handlers throw it for expected failures; the API layer
 * turns it back into `{ ok: false, error }`. Anything else that is thrown is a bug.
 */
export class AppErrorException extends Error {
  readonly appError: AppError;

  constructor(appError: AppError, options?: { cause?: unknown }) {
    super(appError.message, options);
    this.name = 'AppErrorException';
    this.appError = appError;
  }
}

/** Throws an AppError of `kind`. */
export function fail(
  kind: ErrorKind,
  message: string,
  extra: { status?: number; backendMessage?: string; cause?: unknown } = {},
): never {
  const { cause, ...rest } = extra;
  throw new AppErrorException({ kind, message, ...rest }, { cause });
}

/** The AppError carried by an exception, or null when the exception is not one of ours. */
export function appErrorOf(error: unknown): AppError | null {
  return error instanceof AppErrorException ? error.appError : null;
}
