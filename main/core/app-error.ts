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

/** What an AppError may carry beside its kind and message. */
export interface AppErrorExtra {
  status?: number;
  backendMessage?: string;
  extractLimit?: true;
  noKey?: true;
  /** The payload field a `validation` error is about (see AppError.field). */
  field?: string;
  cause?: unknown;
}

/** The one constructor of expected failures: returns the exception for the caller to throw. */
export function appError(kind: ErrorKind, message: string, extra: AppErrorExtra = {}): AppErrorException {
  const { cause, status, backendMessage, extractLimit, noKey, field } = extra;
  // Only the fields that are set: AppError crosses IPC and JSON, where `undefined` keys are noise.
  const error: AppError = { kind, message };
  if (status !== undefined) error.status = status;
  if (backendMessage !== undefined) error.backendMessage = backendMessage;
  if (extractLimit) error.extractLimit = true;
  if (noKey) error.noKey = true;
  if (field !== undefined) error.field = field;
  return new AppErrorException(error, cause === undefined ? undefined : { cause });
}

/** Throws an AppError of `kind` (shorthand for `throw appError(...)`). */
export function fail(kind: ErrorKind, message: string, extra: AppErrorExtra = {}): never {
  throw appError(kind, message, extra);
}

/** A `cancelled` failure; the message defaults to the one every download uses. */
export function cancelled(message = 'The download was cancelled.'): AppErrorException {
  return appError('cancelled', message);
}

/** The AppError carried by an exception, or null when the exception is not one of ours. */
export function appErrorOf(error: unknown): AppError | null {
  return error instanceof AppErrorException ? error.appError : null;
}
