import { kindForStatus } from '../../../shared/errors';
import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import { capitalPeerName } from './peer';
import type { Peer } from './peer';

const MAX_BACKEND_MESSAGE = 300;

/**
 * What a request carried as its key, so that a 401 or 403 tells the truth: `sent` (the
 * profile's key, refused), `unset` (the profile's own backend asked without a key, because the
 * profile has none), `withheld` (a URL the backend handed out, which never gets a key: its
 * server is a file host, not the backend, and the messages say so).
 */
export type KeyCarried = 'sent' | 'unset' | 'withheld';

/**
 * What to tell a person for each HTTP error status of an exported file's URL: its host failed,
 * not the backend (whose base URL, key and batch size are fine: it answered).
 */
function fileHostMessage(status: number, retryAfter: number | null): string {
  if (status === 401 || status === 403) {
    return `The file host refused the file without credentials (${status}); the API key is sent only to the profile's own server, never to the URLs it hands out.`;
  }
  if (status === 404) return 'The file host has no file at this URL (404): the exported URL may have expired. Run URL mode again for fresh URLs.';
  if (status === 408) return 'The file host timed out waiting for the request (408). Try again.';
  if (status === 429) {
    return `The file host is rate limiting requests (429).${retryAfter !== null ? ` Try again in ${retryAfter} s.` : ' Try again later.'}`;
  }
  if (status >= 500) return `The file host failed (${status}). Try again later.`;
  if (status >= 400) return `The file host refused the request (${status}).`;
  return `The file host answered with an unexpected status ${status}.`;
}

/** What to tell a person for each HTTP error status of the batch route (and, through `fileHostMessage`, of an exported file's URL). */
function messageForStatus(status: number, retryAfter: number | null, key: KeyCarried): string {
  if (key === 'withheld') return fileHostMessage(status, retryAfter);
  if (status === 400) return 'The backend refused the request as malformed (400).';
  if (status === 401 && key === 'unset') {
    // The command line may have no profile at all (--base-url): it names its other two ways too.
    return (
      'The backend requires an API key (401) and this profile has none: set one on the Profiles screen ("Set key"), or with ' +
      '`export-manager key set --profile NAME` (a command also takes EXPORT_MANAGER_API_KEY or --api-key-stdin).'
    );
  }
  if (status === 401) return "The backend rejected the API key (401): check the profile's key, or replace it.";
  if (status === 403) return "The backend rejected the API key (403): check the profile's key and its rights.";
  if (status === 404) return 'Not found (404): the base URL is wrong, or the backend knows none of the selected exports.';
  if (status === 408) return 'The backend timed out waiting for the request (408). Try again.';
  if (status === 413) {
    return (
      'The backend refused the batch as too large (413). Set a maximum batch size on the profile (Profiles screen, or ' +
      '--max-batch on the command line) so large downloads are split into parts, or download fewer exports at a time.'
    );
  }
  if (status === 429) {
    return `The backend is rate limiting requests (429).${retryAfter !== null ? ` Try again in ${retryAfter} s.` : ' Try again later.'}`;
  }
  if (status >= 500) return `The backend failed (${status}). Try again later, or tell the backend's operators.`;
  return `The backend answered with an unexpected status ${status}.`;
}

/**
 * Reads the backend's own message from a short error body: JSON `message`/`error`
 * (or `error.message`), or a short plain-text body. HTML pages give none. A key the backend
 * echoes back is masked, so a secret never reaches the UI or logs.
 */
export function backendMessageOf(body: string, contentType: string | undefined, apiKey: string | null): string | undefined {
  let message: string | undefined;
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  if (/json/i.test(contentType ?? '') || /^[{[]/.test(trimmed)) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown> | null;
      const error = value?.error;
      const candidate = value?.message ?? (typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : error);
      if (typeof candidate === 'string') message = candidate;
    } catch {
      // not JSON after all: fall through to the plain-text rule
    }
  }
  if (message === undefined && !/html/i.test(contentType ?? '') && !/^</.test(trimmed) && trimmed.length <= MAX_BACKEND_MESSAGE) {
    message = trimmed;
  }
  if (message === undefined) return undefined;
  if (apiKey) message = message.split(apiKey).join('[key hidden]');
  return message.length > MAX_BACKEND_MESSAGE ? `${message.slice(0, MAX_BACKEND_MESSAGE)}…` : message;
}

/**
 * The exception for an HTTP error status, with the backend's own message where it sent one. A
 * 401 to the profile's backend sent without a key carries `noKey`: the fix is to set one, not
 * to replace one.
 */
export function statusError(status: number, backendMessage: string | undefined, retryAfter: number | null, key: KeyCarried = 'sent'): AppErrorException {
  const noKey = status === 401 && key === 'unset' ? true : undefined;
  return appError(kindForStatus(status), messageForStatus(status, retryAfter, key), { status, backendMessage, noKey });
}

/** The exception for a body that stopped arriving for `idleMs`. */
export function stalledError(idleMs: number, peer: Peer = 'backend'): AppErrorException {
  return appError('timeout', `${capitalPeerName(peer)} stopped sending data for ${Math.round(idleMs / 1000)} s. Try again.`);
}
