import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import got from 'got';
import type { PlainResponse, Request } from 'got';
import { AppErrorException } from '../app-error';
import type { Timeouts } from '../backend/batch-client';
import { DEFAULT_TIMEOUTS } from '../backend/batch-client';
import { parseContentDisposition } from '../backend/content-disposition';
import { backendMessageOf, requestErrorToAppError, statusError } from '../backend/error-mapping';
import { sanitizeFilename } from '../backend/filename';
import { readCapped } from '../backend/read-capped';
import { failureOf } from './failure';
import { moveIntoPlace } from './move-into-place';
import { ProgressMeter } from './progress-meter';
import type { ProgressSnapshot } from './progress-meter';

/** The name used when neither the header nor the URL gives a usable one. */
export const FALLBACK_FILE_NAME = 'download';

/** One exported URL to save into a folder. */
export interface FetchOneOptions {
  url: string;
  folder: string;
  tempDir: string;
  signal: AbortSignal;
  timeouts?: Partial<Timeouts>;
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
    throw new AppErrorException({ kind: 'validation', message: 'Only http and https URLs can be downloaded; this one was skipped.' });
  }
  return url;
}

/**
 * GETs one exported URL into `folder`: no API key or other credential is sent (these URLs
 * point wherever the backend says); the body goes to a temp file with progress and the idle
 * timeout, its length is checked, then it is moved into place without replacing anything
 * (`name (1).ext`). On failure or cancel the temp file is removed; throws an AppErrorException.
 */
export async function fetchOneUrl(options: FetchOneOptions): Promise<FetchedFile> {
  const url = checkedFetchUrl(options.url);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const temp = join(options.tempDir, `.fetch-${randomBytes(6).toString('hex')}.part`);
  const stream: Request = got.stream(url, {
    headers: { accept: '*/*', 'accept-encoding': 'identity' },
    decompress: false,
    throwHttpErrors: false,
    retry: { limit: 0 },
    maxRedirects: 5,
    timeout: { lookup: timeouts.connectMs, connect: timeouts.connectMs, secureConnect: timeouts.connectMs, response: timeouts.idleMs },
  });
  const onAbort = () => stream.destroy(new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' }));
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  try {
    const response = await new Promise<PlainResponse>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    stream.on('error', () => {}); // later errors surface through pipeline
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const body = await readCapped(stream, 16 * 1024, timeouts.idleMs).catch(() => '');
      throw new AppErrorException(statusError(response.statusCode, backendMessageOf(body, response.headers['content-type'], null), null));
    }
    const name = fetchedFileName(new URL(response.url), response.headers['content-disposition']);
    const lengthHeader = response.headers['content-length'];
    const total = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) && !response.headers['content-encoding'] ? Number(lengthHeader) : null;
    await mkdir(options.tempDir, { recursive: true });
    await mkdir(options.folder, { recursive: true });
    const meter = new ProgressMeter(stream, { total, idleMs: timeouts.idleMs, intervalMs: 100, onProgress: options.onProgress });
    await pipeline(stream, createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 })).catch((error: unknown) => {
      meter.rethrow();
      throw error;
    });
    if (total !== null && meter.bytes !== total) {
      throw new AppErrorException({ kind: meter.bytes < total ? 'network' : 'invalid-response', message: `The download stopped at ${meter.bytes} of ${total} bytes. Try again.` });
    }
    const path = await moveIntoPlace(temp, join(options.folder, name), 'unique');
    return { url: options.url, path, bytes: meter.bytes };
  } catch (error) {
    stream.destroy();
    if (options.signal.aborted) throw new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' });
    throw failureOf(error, requestErrorToAppError);
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await rm(temp, { force: true }).catch(() => {});
  }
}
