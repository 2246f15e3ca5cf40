import { openStream } from './http-stream';
import type { OpenResponse, Timeouts } from './http-stream';
import { batchUrl, checkedBaseUrl } from './key-policy';
import type { Network } from './network/network';
import type { RetryOptions } from './retry';

/** One batch request to a profile's backend. */
export interface BatchRequest {
  baseUrl: string;
  apiKey: string | null;
  sourceFileUrls: string[];
  mode: 'zip' | 'urls';
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
  /** Proxies and trusted authorities (default: none, Node's own trust; see StreamRequest.network). */
  network?: Network;
}

/**
 * POSTs the batch request and resolves once a 2xx response's headers are in (see
 * `openStream`: error statuses and network failures throw, safe failures are retried). The
 * reading of the body is chosen here, before anything is sent: a zip is stored byte for byte,
 * URL mode's JSON may come compressed.
 */
export async function openBatch(request: BatchRequest): Promise<OpenResponse> {
  const base = checkedBaseUrl(request.baseUrl, request.apiKey);
  const zip = request.mode === 'zip';
  return openStream({
    url: batchUrl(base, request.mode),
    method: 'POST',
    json: { items: request.sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) },
    // identity for zips: Content-Length must describe the bytes we store
    headers: zip ? { accept: 'application/zip, */*', 'accept-encoding': 'identity' } : { accept: 'application/json' },
    apiKey: request.apiKey,
    // The profile's own route: a 401 without a key means the profile has none (see statusError).
    peer: 'backend',
    decompress: !zip,
    signal: request.signal,
    timeouts: request.timeouts,
    retry: request.retry,
    network: request.network,
  });
}
