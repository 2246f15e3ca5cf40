import { cancelled } from '../../app-error';
import { checkedApiKey } from '../api-key-format';
import { backendMessageOf, statusError } from '../error-mapping';
import { DEFAULT_TIMEOUTS } from '../http-stream';
import type { Timeouts } from '../http-stream';
import { batchUrl, checkedBaseUrl } from '../key-policy';
import { DIRECT_NETWORK } from '../network/network';
import type { Network } from '../network/network';
import { networkFailureOf } from '../network/network-failure';
import { isLastingNetworkFailure } from '../network/network-messages';
import { rememberRetryAfter, retryAfterSeconds, retryDelayMs, retryPause } from '../retry';
import type { RetryOptions } from '../retry';
import { toAppError } from '../to-app-error';
import { FastBodyWorker, WorkerGone } from './fast-body-worker-handle';
import { FastResponse } from './fast-response';
import { fastRoute } from './fast-route';
import type { ConnectPlan } from './fast-connection';
import { requestBytes } from './request-bytes';
import { fromWire } from './wire-errors';
import type { FromWorker, WireHead } from './worker-protocol';

/** One zip batch request for the fast path: openBatch's request (batch-client.ts) in zip mode. */
export interface FastBatchRequest {
  baseUrl: string;
  apiKey: string | null;
  sourceFileUrls: string[];
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
  network?: Network;
}

/** What the fast path made of the request. */
export type FastBatchOpen =
  /** A 2xx answer, its body waiting in the worker. */
  | { kind: 'served'; response: FastResponse }
  /** The backend redirected (the body was not read): the got path follows it from here (got-handoff.ts). */
  | { kind: 'redirect'; status: number; location: string; from: URL }
  /** The fast path cannot serve this request (said why); nothing of a body was written: the got path sends it. */
  | { kind: 'fallback'; reason: string };

/** The statuses got follows with a Location (got's redirectCodes). */
const REDIRECTS = new Set([300, 301, 302, 303, 304, 307, 308]);
/** The most an error answer's body is read for its message (http-stream.ts reads 16 KiB too). */
const ERROR_BODY_CAP = 16 * 1024;
/** Retries after a header timeout: one, as on the got path. */
const HEADER_TIMEOUT_RETRIES = 1;

function isHeaderTimeout(error: unknown): boolean {
  const { name, event } = (error ?? {}) as { name?: string; event?: string };
  return name === 'TimeoutError' && event === 'response';
}

/** The outcome of one attempt, before the retry rule. */
type Attempt = { kind: 'head'; head: WireHead } | { kind: 'fallback'; reason: string };

async function attempt(worker: FastBodyWorker, plan: ConnectPlan, request: Buffer, timeouts: Timeouts): Promise<Attempt> {
  worker.send({ type: 'open', plan, request, firstByteMs: Math.min(timeouts.firstByteMs, timeouts.idleMs) });
  const message: FromWorker = await worker.receive();
  if (message.type === 'head') return { kind: 'head', head: message.head };
  if (message.type === 'fallback') return { kind: 'fallback', reason: message.reason };
  if (message.type === 'failed') throw fromWire(message.error);
  throw new Error(`The download worker answered ${message.type} to a request.`);
}

/** An error answer's body as text, read in the worker as readCapped reads it ('' when that fails). */
async function errorText(worker: FastBodyWorker, timeouts: Timeouts): Promise<string> {
  worker.send({ type: 'read-text', cap: ERROR_BODY_CAP, idleMs: timeouts.idleMs, lowSpeed: timeouts.lowSpeed });
  const message = await worker.receive();
  return message.type === 'text' ? message.text : '';
}

/** Rejects with `cancelled` as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * POSTs the zip batch request on the fast path and resolves once a 2xx head is in, as openBatch
 * does on the got path, under the same rules: the key policy first (http only to loopback, the
 * key only to the base URL's origin, a key that is not a header value refused), then the same
 * retries (a failed connection, 429/502/503/504 honouring Retry-After, one header timeout), the
 * same errors (an error status read for the backend's own message; the network's failures as
 * the got path's agents raise them). What the fast path does not do, it hands over untouched
 * before any body byte: a redirect (`redirect`), a proxy that wants a login, a head Node would
 * read and this parser will not serve, several routes, a trust that cannot reach a worker, a
 * worker that cannot start (`fallback`).
 */
export async function openFastBatch(request: FastBatchRequest): Promise<FastBatchOpen> {
  const base = checkedBaseUrl(request.baseUrl, request.apiKey);
  if (request.apiKey !== null) checkedApiKey(request.apiKey);
  const url = batchUrl(base, 'zip');
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...request.timeouts };
  const network = request.network ?? DIRECT_NETWORK;
  if (request.signal?.aborted) throw cancelled();
  const route = await fastRoute(network, url, timeouts.connectMs).catch((error: Error) => ({ fallback: `no route: ${error.message}` }));
  if ('fallback' in route) return { kind: 'fallback', reason: route.fallback };
  const worker = FastBodyWorker.start();
  if (!worker) return { kind: 'fallback', reason: 'the fast body worker is not built' };
  const body = Buffer.from(JSON.stringify({ items: request.sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) }));
  const headers: Record<string, string> = { accept: 'application/zip, */*', 'accept-encoding': 'identity' };
  if (request.apiKey !== null) headers['x-api-key'] = request.apiKey;
  headers['content-type'] = 'application/json';
  const bytes = requestBytes({ url, body, headers, forwardProxy: route.plan.proxy && url.protocol === 'http:' ? { authorization: route.plan.proxy.authorization } : null });
  let served = false;
  try {
    let headerTimeouts = 0;
    for (let tries = 0; ; tries++) {
      if (request.signal?.aborted) throw cancelled();
      try {
        const outcome = await untilAborted(attempt(worker, route.plan, bytes, timeouts), request.signal);
        if (outcome.kind === 'fallback') return outcome;
        const { status, headers: fields } = outcome.head;
        if (status >= 200 && status < 300) {
          if (route.entry.kind === 'proxy' && route.login) network.remember(route.entry, route.login);
          served = true;
          return { kind: 'served', response: new FastResponse(worker, status, fields, url.href, 'backend', timeouts.lowSpeed) };
        }
        const location = fields.location;
        if (location && REDIRECTS.has(status)) return { kind: 'redirect', status, location, from: url };
        // A plain-http answer 407 through a proxy is the proxy's: the got path asks for a login where someone can be asked.
        if (status === 407 && route.plan.proxy && url.protocol === 'http:') return { kind: 'fallback', reason: 'the proxy wants a login' };
        const text = await untilAborted(errorText(worker, timeouts), request.signal);
        const retryAfter = retryAfterSeconds(fields);
        throw rememberRetryAfter(statusError(status, backendMessageOf(text, fields['content-type'], request.apiKey), retryAfter, request.apiKey !== null ? 'sent' : 'unset'), retryAfter);
      } catch (error) {
        if (request.signal?.aborted) throw cancelled();
        // A worker that could not start or died before any body was read: the got path serves.
        if (error instanceof WorkerGone) return { kind: 'fallback', reason: error.message };
        const failure = toAppError(error, 'backend');
        if (isHeaderTimeout(error) && ++headerTimeouts > HEADER_TIMEOUT_RETRIES) throw failure;
        if (isLastingNetworkFailure(networkFailureOf(error))) throw failure;
        const delay = retryDelayMs(failure, tries, request.retry);
        if (delay === null) throw failure;
        await retryPause(delay, request.signal);
      }
    }
  } finally {
    if (!served) await worker.close();
  }
}
