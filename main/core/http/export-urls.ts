import { appError } from '../app-error';
import { openBatch } from './batch-client';
import type { BatchRequest } from './batch-client';
import { DEFAULT_TIMEOUTS } from './http-stream';
import { JsonTooDeepError, parseBoundedJson } from './bounded-json';
import { backendMessageOf } from './error-mapping';
import { readCapped } from './read-capped';
import { normaliseSkipped } from './skipped';
import type { SkippedItem } from './skipped';

/** What URL mode returns, normalised. */
export interface ExportUrls {
  exportedUrls: string[];
  skipped: SkippedItem[];
}

const MAX_JSON = 32 * 1024 * 1024;
/**
 * The contract's answer nests 3 levels (`{ exportedUrls: [...], skipped: [{...}] }`); a skipped
 * item's shape is open, so leave it room. Deeper is an attack or a bug: V8 parses it, but
 * turning a skipped item back into text (`raw`) would overflow the stack.
 */
const MAX_JSON_DEPTH = 32;

function invalid(message: string, backendMessage?: string): never {
  throw appError('invalid-response', message, { backendMessage });
}

/** URL mode: POSTs `?responseType=urls` and reads `{ success, exportedUrls, skipped }` as JSON (never as a zip). */
export async function requestExportUrls(request: Omit<BatchRequest, 'mode'>): Promise<ExportUrls> {
  const response = await openBatch({ ...request, mode: 'urls' });
  const idleMs = request.timeouts?.idleMs ?? DEFAULT_TIMEOUTS.idleMs;
  const contentType = response.headers['content-type'];
  const text = await readCapped(response.body, { cap: MAX_JSON, idleMs, strict: true, lowSpeed: response.lowSpeed, peer: response.peer });
  if (/html/i.test(contentType ?? '')) invalid('The backend answered with a web page instead of JSON: check the base URL.');
  let value: unknown;
  try {
    value = parseBoundedJson(text, MAX_JSON_DEPTH);
  } catch (error) {
    if (error instanceof JsonTooDeepError) {
      invalid(`The backend's URL-mode answer nests ${error.depth.toLocaleString('en-US')} levels deep (at most ${error.maxDepth} are read); it was not used.`);
    }
    invalid('The backend answered URL mode with something that is not JSON.', backendMessageOf(text, 'text/plain', request.apiKey));
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (record.success === false) {
    const backendMessage = backendMessageOf(text, 'application/json', request.apiKey);
    throw appError('server', 'The backend reported that the export failed (success: false).', { backendMessage });
  }
  if (!Array.isArray(record.exportedUrls)) invalid('The backend answered URL mode without an "exportedUrls" list.');
  const exportedUrls = (record.exportedUrls as unknown[]).filter((url): url is string => typeof url === 'string');
  const skipped = Array.isArray(record.skipped) ? record.skipped.map(normaliseSkipped) : [];
  return { exportedUrls, skipped };
}
