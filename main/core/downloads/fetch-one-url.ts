import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, cancelled } from '../app-error';
import { parseContentDisposition } from '../http/content-disposition';
import { sanitizeFilename } from '../files/filename';
import { DEFAULT_TIMEOUTS, openStream } from '../http/http-stream';
import type { Timeouts } from '../http/http-stream';
import { toAppError } from '../http/to-app-error';
import { moveIntoPlace } from './move-into-place';
import type { ProgressSnapshot } from './progress-meter';
import type { Network } from '../http/network/network';
import { saveBody, withTempFile } from './save-body';

/** The name used when neither the header nor the URL gives a usable one. */
export const FALLBACK_FILE_NAME = 'download';

/** One exported URL to save into a folder. */
export interface FetchOneOptions {
  url: string;
  folder: string;
  tempDir: string;
  signal: AbortSignal;
  timeouts?: Partial<Timeouts>;
  network?: Network;
  onProgress?: (progress: ProgressSnapshot) => void;
}

/** A file saved from an exported URL. */
export interface FetchedFile {
  url: string;
  path: string;
  bytes: number;
}

/** The file name for a fetched URL: Content-Disposition, else the URL's last path segment, sanitized; else `download`. */
export function fetchedFileName(url: URL, contentDisposition: string | undefined): string {
  const fromHeader = parseContentDisposition(contentDisposition).filename;
  const safeHeader = fromHeader === null ? null : sanitizeFilename(fromHeader);
  if (safeHeader !== null) return safeHeader;
  const segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape: keep the raw segment, the sanitizer still makes it safe.
  }
  return sanitizeFilename(decoded) ?? FALLBACK_FILE_NAME;
}

/** Only http(s) URLs are fetched: a `file:` or other scheme from a backend must not read or run anything local. */
export function checkedFetchUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // The URL came from the backend's answer, not from the person: the backend sent something unusable.
    throw appError('invalid-response', 'The backend listed a URL that is not http or https; it was skipped.');
  }
  return url;
}

/**
 * GETs one exported URL into `folder`: no API key or other credential is sent (these URLs
 * point wherever the backend says); the body goes to a temp file with progress, the idle
 * timeout and the low-speed rule, its length is checked, then it is moved into place without replacing anything
 * (`name (1).ext`). On failure or cancel the temp file is removed; throws an AppErrorException.
 */
export async function fetchOneUrl(options: FetchOneOptions): Promise<FetchedFile> {
  const url = checkedFetchUrl(options.url);
  const idleMs = options.timeouts?.idleMs ?? DEFAULT_TIMEOUTS.idleMs;
  try {
    await mkdir(options.folder, { recursive: true });
    return await withTempFile(options.tempDir, 'fetch', async (temp) => {
      const response = await openStream({
        url, method: 'GET', headers: { accept: '*/*', 'accept-encoding': 'identity' },
        apiKey: null, // these URLs point wherever the backend says: never a credential
        peer: 'file-host', // so a failure blames the server that failed, not the backend that answered
        decompress: false, signal: options.signal, timeouts: options.timeouts, network: options.network, retry: { limit: 0 },
      });
      const name = fetchedFileName(new URL(response.url), response.headers['content-disposition']);
      const { bytes } = await saveBody(response, temp, { idleMs, onProgress: options.onProgress, signal: options.signal });
      const path = await moveIntoPlace(temp, join(options.folder, name), 'keep-both');
      return { url: options.url, path, bytes };
    });
  } catch (error) {
    if (options.signal.aborted) throw cancelled();
    throw toAppError(error, 'file-host');
  }
}
