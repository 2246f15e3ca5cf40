import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleBatch } from './batch-route';
import type { BatchRouteConfig } from './batch-route';
import type { ErrorStubPlan } from './error-stubs';
import { writeBody } from './body-writer';
import { faultFor } from './faults';
import type { FaultPlan } from './faults';
import { SAMPLE_PREFIX, resolveSourceFileUrl, zipEntryFor } from './sample-catalog';

/** The default Content-Disposition: an ASCII `filename` and a UTF-8 `filename*` (which wins in RFC 6266). */
export const DEFAULT_CONTENT_DISPOSITION =
  `attachment; filename="Canvas exports - sample.zip"; filename*=UTF-8''Canvas%20exports%20%E2%80%93%20sample.zip`;

/** Options of the sample backend. Everything here is in-process only: nothing reaches it over HTTP. */
export interface SampleBackendOptions {
  /** When set, the batch route requires this `x-api-key` (401 when missing, 403 when wrong). */
  apiKey?: string | null;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Test-only misbehaviour of the batch route, by request order or by a function. */
  faults?: FaultPlan;
  /** The Content-Disposition header of zip responses; null sends none. */
  contentDisposition?: string | null;
  /** Stream zips with chunked transfer instead of a Content-Length. */
  chunked?: boolean;
  /** Write zip64 records even for small archives. */
  forceZip64?: boolean;
  /** Refuse batches of more items than this with 413 (default: no limit). */
  maxBatchSize?: number | null;
  /**
   * Exports (by sample path, e.g. `pages/page-03.png`) whose entry in a batch zip is an error
   * page (HTML, JSON, XML or text, about 400 bytes) under the export's own name, as a backend
   * that failed to render some exports leaves them; none by default.
   */
  errorStubs?: ErrorStubPlan;
  /** Serve https with this PEM key and certificate (a test's own authority signs it) instead of plain http. */
  tls?: { key: string; cert: string };
}

/** What a test can see of a request the backend received (the key only as given, for origin checks). */
export interface ReceivedRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
}

/** A running sample backend. */
export interface SampleBackend {
  /** The base URL to put in a profile, e.g. `http://127.0.0.1:41234/api`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The key the batch route requires, or null when it is open. */
  apiKey: string | null;
  /** The requests received so far, in order (the last 1000: the app's backend runs for days). */
  received: ReceivedRequest[];
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

const BASE_PATH = '/api';
const MAX_RECEIVED = 1000;

/** Starts the built-in sample backend on 127.0.0.1: the batch route of the contract, plus the files of URL mode. */
export async function startSampleBackend(options: SampleBackendOptions = {}): Promise<SampleBackend> {
  const received: ReceivedRequest[] = [];
  let batchCount = 0;
  const config: BatchRouteConfig = {
    apiKey: options.apiKey ?? null,
    contentDisposition: options.contentDisposition === undefined ? DEFAULT_CONTENT_DISPOSITION : options.contentDisposition,
    chunked: options.chunked ?? false,
    forceZip64: options.forceZip64 ?? false,
    filesBase: '',
    maxBatchSize: options.maxBatchSize ?? null,
    errorStubs: options.errorStubs ?? {},
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal error"}');
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['x-api-key'];
    received.push({ method: req.method ?? '', path: url.pathname + url.search, apiKey: typeof key === 'string' ? key : undefined });
    if (received.length > MAX_RECEIVED) received.splice(0, received.length - MAX_RECEIVED);
    if (url.pathname === `${BASE_PATH}/viewer/exports/download-batch`) {
      const mode = url.searchParams.get('responseType') === 'urls' ? 'urls' : 'zip';
      const fault = faultFor(options.faults, { index: batchCount++, mode });
      return handleBatch(req, res, url, config, fault);
    }
    if (url.pathname.startsWith(`${BASE_PATH}/files/`) && req.method === 'GET') return serveFile(res, url);
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `No route ${url.pathname}` }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  config.filesBase = `${origin}${BASE_PATH}/files`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    apiKey: config.apiKey,
    received,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Serves one sample file by path: the targets of the `exportedUrls` of URL mode. */
async function serveFile(res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice(`${BASE_PATH}/files/`.length);
  const resolved = resolveSourceFileUrl(`http://x${SAMPLE_PREFIX}${path}`);
  if (!resolved) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'No such file.' }));
    return;
  }
  const entry = zipEntryFor(resolved, resolved.fileName);
  const data = entry.data;
  const source = Buffer.isBuffer(data) ? (async function* () { yield data; })() : data();
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': entry.size ?? 0 });
  await writeBody(res, source, { declaredLength: null, limit: null, after: 'end' });
}
