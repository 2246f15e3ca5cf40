import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import got from 'got';
import type { PlainResponse, Request } from 'got';
import { AppErrorException } from '../app-error';
import { backendMessageOf, requestErrorToAppError, statusError } from './error-mapping';
import { batchUrl, checkedBaseUrl } from './key-policy';
import { readCapped } from './read-capped';
import { rememberRetryAfter, retryDelayMs } from './retry';
import type { RetryOptions } from './retry';

/** Connect and idle limits. There is deliberately no total timeout: big archives take what they take. */
export interface Timeouts {
  /** DNS + TCP (+ TLS) connect. */
  connectMs: number;
  /** No response headers, or no body byte, for this long: the request fails as `timeout`. */
  idleMs: number;
}

/** Defaults for desktop use. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 15_000, idleMs: 60_000 };

/** One batch request to a profile's backend. */
export interface BatchRequest {
  baseUrl: string;
  apiKey: string | null;
  sourceFileUrls: string[];
  mode: 'zip' | 'urls';
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
}

/** A successful (2xx) response whose body has not been read yet. */
export interface OpenBatch {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body; the caller must consume or destroy it. */
  body: Readable;
  /** The URL that answered (after redirects). */
  url: string;
}

/** Whether a failure may be retried: nothing was received, or the backend asked to come back later. */
function retryable(error: AppErrorException): boolean {
  const { kind, status } = error.appError;
  return status === 429 || status === 502 || status === 503 || status === 504 || (status === undefined && (kind === 'network' || kind === 'timeout'));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' }));
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * POSTs the batch request and resolves once a 2xx response's headers are in; error statuses
 * and network failures throw an AppErrorException (with the backend's own message when it sent
 * one). Retries, bounded, only what is safe: connection failures before any byte, 429 and
 * 502/503/504, honouring Retry-After.
 */
export async function openBatch(request: BatchRequest): Promise<OpenBatch> {
  const base = checkedBaseUrl(request.baseUrl, request.apiKey);
  const url = batchUrl(base, request.mode);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...request.timeouts };
  const limit = request.retry?.limit ?? 2;
  for (let attempt = 0; ; attempt++) {
    if (request.signal?.aborted) throw new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' });
    try {
      return await attemptOnce(url, base.origin, request, timeouts);
    } catch (error) {
      const wrapped = error instanceof AppErrorException ? error : new AppErrorException(requestErrorToAppError(error), { cause: error });
      if (request.signal?.aborted) throw new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' });
      const delay = attempt < limit && retryable(wrapped) ? retryDelayMs(wrapped, attempt, request.retry) : null;
      if (delay === null) throw wrapped;
      await sleep(delay, request.signal);
    }
  }
}

/** Retry-After of a response, in whole seconds, when present and sane. */
export function retryAfterSeconds(headers: IncomingHttpHeaders): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function attemptOnce(url: URL, origin: string, request: BatchRequest, timeouts: Timeouts): Promise<OpenBatch> {
  const headers: Record<string, string> = { accept: request.mode === 'zip' ? 'application/zip, */*' : 'application/json' };
  if (request.mode === 'zip') headers['accept-encoding'] = 'identity'; // Content-Length must describe the bytes we store
  if (request.apiKey !== null) headers['x-api-key'] = request.apiKey;
  const stream: Request = got.stream(url, {
    method: 'POST',
    json: { items: request.sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) },
    headers,
    decompress: request.mode === 'urls',
    throwHttpErrors: false,
    retry: { limit: 0 },
    maxRedirects: 5,
    timeout: { lookup: timeouts.connectMs, connect: timeouts.connectMs, secureConnect: timeouts.connectMs, response: timeouts.idleMs },
    hooks: {
      beforeRedirect: [
        (options) => {
          // got keeps custom headers across origins; the key belongs to the profile's origin only.
          const target = options.url instanceof URL ? options.url.origin : null;
          if (target !== origin) delete options.headers['x-api-key'];
        },
      ],
    },
  });
  const onAbort = () => stream.destroy(new AppErrorException({ kind: 'cancelled', message: 'The download was cancelled.' }));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await new Promise<PlainResponse>((resolve, reject) => {
      stream.once('response', resolve);
      stream.once('error', reject);
    });
    // Errors after this point surface through whoever reads the body; keep one listener so an
    // error between now and then cannot crash the process.
    stream.on('error', () => {});
    const status = response.statusCode;
    if (status < 200 || status >= 300) {
      const body = await readCapped(stream, 16 * 1024, timeouts.idleMs).catch(() => '');
      const retryAfter = retryAfterSeconds(response.headers);
      const error = new AppErrorException(statusError(status, backendMessageOf(body, response.headers['content-type'], request.apiKey), retryAfter));
      throw rememberRetryAfter(error, retryAfter);
    }
    return { status, headers: response.headers, body: stream, url: response.url };
  } catch (error) {
    stream.destroy();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
}
