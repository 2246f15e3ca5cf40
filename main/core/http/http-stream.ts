import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import got from 'got';
import type { PlainResponse, Request } from 'got';
import { cancelled } from '../app-error';
import { checkedApiKey } from './api-key-format';
import { backendMessageOf, statusError } from './error-mapping';
import { DEFAULT_LOW_SPEED } from './low-speed';
import type { LowSpeedRule } from './low-speed';
import { DIRECT_NETWORK } from './network/network';
import type { Network } from './network/network';
import { ProxyFailure, networkFailureOf } from './network/network-failure';
import { isLastingNetworkFailure } from './network/network-messages';
import { proxyLabel } from './network/proxy-url';
import { agentsForRedirect, throughNetwork } from './network/through-network';
import type { Via } from './network/through-network';
import type { Peer } from './peer';
import { readCapped } from './read-capped';
import { rememberRetryAfter, retryAfterSeconds, retryDelayMs, retryPause } from './retry';
import type { RetryOptions } from './retry';
import { toAppError } from './to-app-error';

/**
 * Connect, first-byte, idle and low-speed limits. There is deliberately no total timeout: big
 * archives take what they take, as long as they keep coming at a sane speed.
 */
export interface Timeouts {
  /** DNS + TCP (+ TLS) connect. */
  connectMs: number;
  /**
   * Request sent, no response headers for this long (or for `idleMs` when that is shorter): the
   * attempt fails as `timeout`, and is retried once at most, since a backend that accepted the
   * request but never answered rarely answers the third time.
   */
  firstByteMs: number;
  /** No body byte for this long: the download fails as `timeout`. */
  idleMs: number;
  /** A body slower than this on average over its duration fails as `timeout` (curl's --speed-limit/--speed-time). */
  lowSpeed: LowSpeedRule;
}

/** Defaults for desktop use. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 15_000, firstByteMs: 30_000, idleMs: 60_000, lowSpeed: DEFAULT_LOW_SPEED };

/** Retries after a header timeout: one, whatever the retry limit (each costs a whole `firstByteMs`). */
const HEADER_TIMEOUT_RETRIES = 1;

/** Whether got gave up waiting for the response headers (not connecting, not reading the body). */
function isHeaderTimeout(error: unknown): boolean {
  const { name, event } = (error ?? {}) as { name?: string; event?: string };
  return name === 'TimeoutError' && event === 'response';
}

/** One streamed HTTP request: the batch route (zip or URL mode) or an exported file. */
export interface StreamRequest {
  url: URL;
  method: 'GET' | 'POST';
  /** A JSON body (the batch payload). */
  json?: unknown;
  headers: Record<string, string>;
  /**
   * Sent as `x-api-key` to `url`'s origin only (dropped on a redirect elsewhere); null sends no
   * key. A key that is not a valid header value fails as `validation` before anything is sent.
   */
  apiKey: string | null;
  /**
   * Who answers: the profile's `backend` (the batch route), where a null `apiKey` means the
   * profile has none set, so a 401 says so; or the `file-host` of a URL the backend handed out,
   * fetched without a key whatever the profile holds (its 401 says nothing about the profile's
   * key). Every error names this server.
   */
  peer: Peer;
  /** Inflate gzip/deflate bodies (JSON answers); off for files, whose Content-Length must describe the bytes stored. */
  decompress: boolean;
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
  /** Retries happen only before any body byte arrives: for a failed connection or a 429/502/503/504 answer. */
  retry?: Partial<RetryOptions>;
  /** How to reach the server: proxies, trusted certificate authorities, proxy logins (default: DIRECT_NETWORK, no proxy and Node's own trust). */
  network?: Network;
}

/** A successful (2xx) response whose body has not been read yet. */
export interface OpenResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body; the caller must consume or destroy it. */
  body: Readable;
  /** The URL that answered (after redirects). */
  url: string;
  /** Who answered, for the body's errors. */
  peer: Peer;
  /** The low-speed rule of the request: whoever reads the body applies it, without being told again. */
  lowSpeed: LowSpeedRule;
}

/**
 * Sends the request and resolves once a 2xx response's headers are in; an error status throws
 * its AppErrorException (with the backend's own message from a short error body) and so does a
 * network failure. Retries, bounded, what is safe to retry, honouring Retry-After.
 */
export async function openStream(request: StreamRequest): Promise<OpenResponse> {
  // Node would refuse the header on every attempt (ERR_INVALID_CHAR), retried as a network failure.
  if (request.apiKey !== null) checkedApiKey(request.apiKey);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...request.timeouts };
  const network = request.network ?? DIRECT_NETWORK;
  let headerTimeouts = 0;
  for (let attempt = 0; ; attempt++) {
    if (request.signal?.aborted) throw cancelled();
    try {
      // The signal also ends a wait for a proxy login the window was asked for (the job was cancelled meanwhile).
      return await throughNetwork(network, request.url, timeouts.connectMs, (via) => attemptOnce(request, timeouts, via), request.signal);
    } catch (error) {
      if (request.signal?.aborted) throw cancelled();
      const failure = toAppError(error, request.peer);
      if (isHeaderTimeout(error) && ++headerTimeouts > HEADER_TIMEOUT_RETRIES) throw failure;
      // A refused proxy login or an untrusted certificate answers the same every time.
      if (isLastingNetworkFailure(networkFailureOf(error))) throw failure;
      const delay = retryDelayMs(failure, attempt, request.retry);
      if (delay === null) throw failure;
      await retryPause(delay, request.signal);
    }
  }
}

/** The body length a response promises: Content-Length, unless a content coding makes it describe other bytes. */
export function contentLength(headers: IncomingHttpHeaders): number | null {
  const value = headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) && !headers['content-encoding'] ? Number(value) : null;
}

/**
 * A plain-http answer 407 through a proxy is the proxy's (an https one travels inside the tunnel,
 * so it is the server's): the proxy wants a login, or refused the one sent.
 */
function proxyLoginWanted(via: Via, responseUrl: string, status: number, realmHeader: string | undefined): ProxyFailure | null {
  if (status !== 407 || via.entry.kind !== 'proxy' || !responseUrl.startsWith('http:')) return null;
  const realm = /realm="([^"]*)"/i.exec(realmHeader ?? '')?.[1] ?? null;
  return new ProxyFailure(via.sendsProxyLogin ? 'login-rejected' : 'login-required', proxyLabel(via.entry.proxy), via.entry.from, { status, realm });
}

async function attemptOnce(request: StreamRequest, timeouts: Timeouts, via: Via): Promise<OpenResponse> {
  const origin = request.url.origin;
  const network = request.network ?? DIRECT_NETWORK;
  const headers = request.apiKey === null ? request.headers : { ...request.headers, 'x-api-key': request.apiKey };
  const stream: Request = got.stream(request.url, {
    method: request.method,
    ...(request.json === undefined ? {} : { json: request.json }),
    headers,
    decompress: request.decompress,
    throwHttpErrors: false,
    retry: { limit: 0 }, // ours, above: got's would also retry after body bytes
    maxRedirects: 5,
    agent: via.agents,
    timeout: { lookup: timeouts.connectMs, connect: timeouts.connectMs, secureConnect: timeouts.connectMs, response: Math.min(timeouts.firstByteMs, timeouts.idleMs) },
    hooks: {
      beforeRedirect: [
        (options) => {
          // got keeps custom headers across origins; the key belongs to the profile's origin only.
          const target = options.url instanceof URL ? options.url.origin : null;
          if (target !== origin) delete options.headers['x-api-key'];
        },
        async (options) => {
          // The redirect's target has its own route (NO_PROXY may exempt it, a PAC script may choose another proxy).
          if (options.url instanceof URL) options.agent = await agentsForRedirect(network, options.url, timeouts.connectMs);
        },
      ],
    },
  });
  const onAbort = () => stream.destroy(cancelled());
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
    const proxyLogin = proxyLoginWanted(via, response.url, status, response.headers['proxy-authenticate']);
    if (proxyLogin) throw proxyLogin;
    if (status < 200 || status >= 300) {
      const body = await readCapped(stream, { cap: 16 * 1024, idleMs: timeouts.idleMs, lowSpeed: timeouts.lowSpeed, peer: request.peer }).catch(() => '');
      const retryAfter = retryAfterSeconds(response.headers);
      const backendMessage = backendMessageOf(body, response.headers['content-type'], request.apiKey);
      const key = request.peer === 'file-host' ? 'withheld' : request.apiKey !== null ? 'sent' : 'unset';
      throw rememberRetryAfter(statusError(status, backendMessage, retryAfter, key), retryAfter);
    }
    return { status, headers: response.headers, body: stream, url: response.url, peer: request.peer, lowSpeed: timeouts.lowSpeed };
  } catch (error) {
    stream.destroy();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
}
