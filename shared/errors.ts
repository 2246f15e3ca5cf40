/**
 * The one error taxonomy shared by core, UI and command line (SPEC.md, "Error kinds"), each
 * kind meaning one thing:
 * - what the backend said: `bad-request`, `unauthorized`, `forbidden`, `not-found` (the
 *   backend's 404 only), `server`;
 * - what the network did: `network` (not reached, or the connection broke), `timeout`,
 *   `invalid-response`;
 * - what the machine did: `disk` (a local file or folder, missing ones included), `archive`,
 *   `keychain`;
 * - what the person did: `validation` (input that cannot be used), `cancelled`;
 * - `state`: the call does not fit the app's state now (a job still running or already gone,
 *   a profile or export deleted meanwhile, a dialog this front end cannot show, a window that
 *   may not call); asking again later or elsewhere may work;
 * - `internal`: a fault in Export Manager itself (a bug): nothing the person did.
 */
export const ERROR_KINDS = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'server',
  'network',
  'timeout',
  'invalid-response',
  'cancelled',
  'disk',
  'archive',
  'keychain',
  'validation',
  'state',
  'internal',
] as const;

/** One of the error kinds of SPEC.md. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * An error as plain data, so it survives IPC and JSON unchanged (Electron's IPC keeps only
 * the message of a thrown Error).
 */
export interface AppError {
  kind: ErrorKind;
  /** A sentence a person can act on. Never contains a secret. */
  message: string;
  /** The HTTP status, where the error came from a response. */
  status?: number;
  /** The backend's own message, where it sent one. */
  backendMessage?: string;
  /** Set on an `unauthorized` error when the request carried no API key (none is set): fixing it means setting one, not replacing one. */
  noKey?: true;
  /**
   * Set on an `archive` error that refused extraction for one of the zip-bomb limits: the one
   * refusal a person may override (the app asks; the CLI takes --allow-large).
   */
  extractLimit?: true;
  /**
   * Set on a `validation` error about one input of the call (its name in the method's payload,
   * such as `baseUrl`): the window says it beside that field instead of in a banner.
   */
  field?: string;
}

/** How every method's outcome crosses a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * The error kind an HTTP error status stands for. 429 counts as the server's failure to serve
 * (no kind fits better; the message says when to try again).
 */
export function kindForStatus(status: number): ErrorKind {
  // 413: the request itself is refused (too large), as 400 refuses a malformed one.
  if (status === 400 || status === 413) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429 || status >= 500) return 'server';
  return 'invalid-response';
}

/** Whether a value is an AppError (for data that crossed a boundary as JSON). */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    (ERROR_KINDS as readonly unknown[]).includes(candidate.kind)
  );
}
