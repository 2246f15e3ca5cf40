import type { AppError, ErrorKind } from '../../../shared/errors';

/** What each kind of failure means to a person: the one place a kind becomes words. */
const TITLES: Record<ErrorKind, string> = {
  'bad-request': 'The backend refused the request',
  unauthorized: 'The API key was rejected',
  forbidden: 'The API key is not allowed to do this',
  'not-found': 'The backend could not find it',
  server: 'The backend had a problem',
  network: 'The backend could not be reached',
  timeout: 'The backend took too long to answer',
  'invalid-response': 'The backend sent something unexpected',
  cancelled: 'Cancelled',
  disk: 'The file could not be written or read',
  archive: 'The zip could not be read',
  keychain: 'The keychain could not be used',
  validation: 'That input cannot be used',
};

/** A short human title for an error's kind, e.g. "The API key was rejected". */
export function errorTitle(error: Pick<AppError, 'kind'> | ErrorKind): string {
  return TITLES[typeof error === 'string' ? error : error.kind];
}

/** Whether fixing the error means going to the profile (its key was refused). */
export function isKeyProblem(error: Pick<AppError, 'kind'>): boolean {
  return error.kind === 'unauthorized' || error.kind === 'forbidden';
}
