import type { AppError, ErrorKind } from '../../../shared/errors';

/**
 * What each kind of failure means to a person: the one place a kind becomes words. A title
 * names who failed truthfully: the backend only for what the backend said, the connection for
 * what the network did (not reached, or broken mid-download), this machine for files.
 */
const TITLES: Record<ErrorKind, string> = {
  'bad-request': 'The backend refused the request',
  unauthorized: 'The API key was rejected',
  forbidden: 'The API key is not allowed to do this',
  'not-found': 'The backend could not find it',
  server: 'The backend had a problem',
  network: 'The connection to the backend failed',
  timeout: 'The backend took too long to answer',
  'invalid-response': 'The backend sent something unexpected',
  cancelled: 'Cancelled',
  disk: 'A file or folder on this computer could not be used',
  archive: 'The zip could not be read',
  keychain: 'The keychain could not be used',
  validation: 'That input cannot be used',
  state: 'That cannot be done right now',
  internal: 'Something went wrong in Export Manager',
};

/** A short human title for an error, e.g. "The API key was rejected"; a 401 sent without a key says none is set. */
export function errorTitle(error: Pick<AppError, 'kind' | 'noKey'> | ErrorKind): string {
  if (typeof error === 'string') return TITLES[error];
  if (error.kind === 'unauthorized' && error.noKey) return 'No API key is set';
  return TITLES[error.kind];
}

/** Whether fixing the error means going to the profile (its key was refused, or none is set: a `noKey` 401 too). */
export function isKeyProblem(error: Pick<AppError, 'kind' | 'noKey'>): boolean {
  return error.kind === 'unauthorized' || error.kind === 'forbidden';
}
