import type { IncomingMessage, ServerResponse } from 'node:http';
import { numberedName } from '../../../shared/numbered-name';
import { writeBody } from './body-writer';
import { errorStubBody } from './error-stubs';
import type { ErrorStubPlan } from './error-stubs';
import { answerWithFault, bodyShape } from './faults';
import type { Fault } from './faults';
import { resolveSourceFileUrl, zipEntryFor } from './sample-catalog';
import type { Resolved } from './sample-catalog';
import { predictZipLength, zipStream } from './zip-writer';
import type { ZipEntry } from './zip-writer';

const MAX_BODY = 1024 * 1024;

/** How the batch route behaves, from the backend's options. */
export interface BatchRouteConfig {
  apiKey: string | null;
  /** The full Content-Disposition header of zip responses, or null to send none. */
  contentDisposition: string | null;
  /** Omit Content-Length on zip responses (chunked transfer, like most streaming backends). */
  chunked: boolean;
  forceZip64: boolean;
  /** Where the files of URL mode are served: `${filesBase}/<path>`. */
  filesBase: string;
  /** The most items one request may carry (413 above it, as real backends limit batches); null: no limit. */
  maxBatchSize: number | null;
  /** Exports whose zip entry is an error page under their own name (a half-broken batch zip). */
  errorStubs: ErrorStubPlan;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads `{ items: [{ sourceFileUrl }] }`; returns the URLs or a message saying what is wrong. */
function parseItems(text: string): string[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'The request body is not valid JSON.';
  }
  const items = (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return 'The request body must be an object with an "items" array.';
  if (items.length === 0) return 'The "items" array is empty: send at least one { "sourceFileUrl": "..." }.';
  const urls: string[] = [];
  for (const [i, item] of items.entries()) {
    const url = (item as { sourceFileUrl?: unknown } | null)?.sourceFileUrl;
    if (typeof url !== 'string' || url.length === 0) return `items[${i}].sourceFileUrl must be a non-empty string.`;
    urls.push(url);
  }
  return urls;
}

/** Makes duplicate names unique the way the contract promises: `cover.png`, `cover (2).png`, … */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = numberedName(name, n);
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Handles `POST …/viewer/exports/download-batch[?responseType=urls]` per the contract. */
export async function handleBatch(req: IncomingMessage, res: ServerResponse, url: URL, config: BatchRouteConfig, fault: Fault | null): Promise<void> {
  if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
  if (fault && answerWithFault(fault, res)) return;
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST for this route.' });
  if (config.apiKey !== null) {
    const key = req.headers['x-api-key'];
    if (key === undefined) return sendJson(res, 401, { message: 'Missing x-api-key header.' });
    if (key !== config.apiKey) return sendJson(res, 403, { message: 'Invalid API key.' });
  }
  const responseType = url.searchParams.get('responseType');
  if (responseType !== null && responseType !== 'urls') return sendJson(res, 400, { message: `Unknown responseType "${responseType}".` });
  const text = await readBody(req);
  if (text === null) return sendJson(res, 413, { message: 'The request body is larger than 1 MiB.' });
  const parsed = parseItems(text);
  if (typeof parsed === 'string') return sendJson(res, 400, { message: parsed });
  if (config.maxBatchSize !== null && parsed.length > config.maxBatchSize) {
    return sendJson(res, 413, { message: `A batch may hold at most ${config.maxBatchSize} items; this one has ${parsed.length}.` });
  }
  const known: Array<{ url: string; resolved: Resolved }> = [];
  const skipped: unknown[] = [];
  for (const sourceFileUrl of parsed) {
    const resolved = resolveSourceFileUrl(sourceFileUrl);
    if (resolved) known.push({ url: sourceFileUrl, resolved });
    // The contract leaves the shape of skipped items open: strings for unparseable URLs, objects otherwise.
    else if (!URL.canParse(sourceFileUrl)) skipped.push(sourceFileUrl);
    else skipped.push({ sourceFileUrl, reason: 'Export not found' });
  }
  if (known.length === 0) return sendJson(res, 404, { message: `None of the ${parsed.length} items is a known export.` });
  if (responseType === 'urls') return sendUrls(res, config, known, skipped, fault);
  const names = uniqueNames(known.map((item) => item.resolved.fileName));
  const entries: ZipEntry[] = known.map(({ resolved }, i) => {
    const stub = resolved.kind === 'sample' ? config.errorStubs[resolved.sample.path] : undefined;
    return stub && resolved.kind === 'sample' ? { name: names[i]!, data: errorStubBody(stub, resolved.sample.path) } : zipEntryFor(resolved, names[i]!);
  });
  const predicted = predictZipLength(entries, { forceZip64: config.forceZip64 });
  const shape = bodyShape(fault, config.chunked && fault?.kind !== 'wrong-length' ? null : predicted);
  const headers: Record<string, string | number> = { 'content-type': 'application/zip', 'x-skipped-count': skipped.length };
  if (config.contentDisposition !== null) headers['content-disposition'] = config.contentDisposition;
  if (shape.declaredLength !== null) headers['content-length'] = shape.declaredLength;
  res.writeHead(200, headers);
  await writeBody(res, zipStream(entries, { forceZip64: config.forceZip64 }), shape);
}

async function sendUrls(res: ServerResponse, config: BatchRouteConfig, known: Array<{ resolved: Resolved }>, skipped: unknown[], fault: Fault | null): Promise<void> {
  const exportedUrls = known.map(({ resolved }) => {
    const path = resolved.kind === 'sample' ? resolved.sample.path : `bulk/${resolved.mebibytes}mib.bin`;
    return `${config.filesBase}/${path.split('/').map(encodeURIComponent).join('/')}`;
  });
  const body = Buffer.from(JSON.stringify({ success: true, exportedUrls, skipped }));
  const shape = bodyShape(fault, body.length);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8' };
  if (shape.declaredLength !== null) headers['content-length'] = shape.declaredLength;
  res.writeHead(200, headers);
  await writeBody(res, (async function* () { yield body; })(), shape);
}
