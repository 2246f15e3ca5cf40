import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { appError } from '../app-error';
import { contentLength } from '../http/http-stream';
import type { OpenResponse } from '../http/http-stream';
import type { FastResponse } from '../http/fast-body/fast-response';
import { ProgressMeter } from './progress-meter';
import { PRIVATE_FILE_MODE } from '../files/private-modes';
import { tempFileName } from '../files/temp-files';
import type { ProgressSnapshot } from './progress-meter';

/**
 * Bytes the file stream may hold before it pushes back on the socket. Larger than the 16 KiB
 * default so socket chunks (≤ 64 KiB each) are batched into fewer writev calls; not larger,
 * because every buffered chunk is a live external buffer: measured with process CPU time on
 * 256 MiB bodies, 1 MiB cost less CPU (GC) than 4 or 16 MiB, and peak RSS stays flat.
 */
const WRITE_BUFFER = 1024 * 1024;

/** How a body is saved. */
export interface SaveBodyOptions {
  /** No byte for this long: the body fails as `timeout`. */
  idleMs: number;
  /** Minimum time between progress reports (default 100 ms: about 10 a second). */
  intervalMs?: number;
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Checks the first bytes (e.g. a zip signature); throws an AppErrorException to stop early. */
  checkStart?: (head: Buffer) => void;
  signal?: AbortSignal;
  /** Hash the body with SHA-256 as it streams (default true; false only to measure what it costs). */
  sha256?: boolean;
}

/** What was saved: how many bytes, and their SHA-256 (hex), hashed as they streamed past (null when not asked for). */
export interface SavedBody {
  bytes: number;
  sha256: string | null;
}

/**
 * Streams a response body into the new file `temp` with throttled progress, the idle timeout
 * and the response's low-speed rule, then checks that as many bytes arrived as Content-Length
 * promised. The SHA-256 is computed from the same chunks on their way to the file, so the
 * manifest's hash never costs a second read. The body is consumed or destroyed whatever
 * happens. Throws what the meter or the stream failed with (the caller maps it once).
 */
export async function saveBody(response: OpenResponse, temp: string, options: SaveBodyOptions): Promise<SavedBody> {
  const total = contentLength(response.headers);
  await mkdir(dirname(temp), { recursive: true }).catch((error: unknown) => {
    response.body.destroy(); // never leave the connection hanging on a body nobody reads
    throw error;
  });
  // The connection can close while we get ready (headers in, then a reset or an early end): the
  // body has already emitted its error and closed, and a pipe attached now would wait for bytes
  // that never come until the idle timer ran out. Report it now.
  if (response.body.destroyed || response.body.errored) {
    throw response.body.errored ?? appError('network', 'The connection closed before the download finished. Try again.');
  }
  const meter = new ProgressMeter(response.body, {
    total,
    idleMs: options.idleMs,
    // The request's own rule and server travel with its response: every caller gets them.
    lowSpeed: response.lowSpeed,
    peer: response.peer,
    intervalMs: options.intervalMs ?? 100,
    onProgress: options.onProgress,
    checkStart: options.checkStart,
  });
  const hash = options.sha256 === false ? null : createHash('sha256');
  if (hash) response.body.on('data', (chunk: Buffer) => hash.update(chunk));
  // Private from its first byte (the user's exports); the saved file keeps this mode when it is renamed into place.
  const file = createWriteStream(temp, { flags: 'wx', mode: PRIVATE_FILE_MODE, highWaterMark: WRITE_BUFFER });
  await pipeline(response.body, file, ...(options.signal ? [{ signal: options.signal }] : []))
    .catch((error: unknown) => {
      meter.rethrow(); // the meter's own reason (stall, bad start) beats the stream error it caused
      throw error;
    })
    .finally(() => meter.stop()); // a live timer would keep the command line's process alive
  meter.rethrow(); // a bad start found on 'end' of an empty body
  checkLength(meter.bytes, total);
  return { bytes: meter.bytes, sha256: hash?.digest('hex') ?? null };
}

/** As many bytes as Content-Length promised, or the error both body paths give. */
function checkLength(bytes: number, total: number | null): void {
  if (total !== null && bytes !== total) {
    throw appError(bytes < total ? 'network' : 'invalid-response', `The download stopped at ${bytes} of ${total} bytes. Try again.`);
  }
}

/** A batch answer whose body is to be saved, and the path that reads it: got's stream, or the fast path's worker. */
export type BatchBody = { path: 'got'; response: OpenResponse } | { path: 'fast'; response: FastResponse };

/**
 * Saves a batch body on the path that opened it, under the same options and checks: on the
 * got path as `saveBody` does; on the fast path in its worker (http/fast-body/), with the same
 * progress, idle and low-speed rules, the same start check, the SHA-256 of the same bytes and
 * the same length check. Either way the body is consumed or dropped whatever happens, and the
 * temp file is closed before this settles.
 */
export async function saveBatchBody(body: BatchBody, temp: string, options: SaveBodyOptions): Promise<SavedBody> {
  if (body.path === 'got') return saveBody(body.response, temp, options);
  const { response } = body;
  const total = contentLength(response.headers);
  await mkdir(dirname(temp), { recursive: true }).catch(async (error: unknown) => {
    await response.discard();
    throw error;
  });
  const saved = await response.save(temp, {
    total,
    idleMs: options.idleMs,
    intervalMs: options.intervalMs ?? 100,
    onProgress: options.onProgress,
    checkStart: options.checkStart,
    signal: options.signal,
    sha256: options.sha256 !== false,
  });
  checkLength(saved.bytes, total);
  return saved;
}

/** Drops a batch body unread (a web page instead of a zip), on either path. */
export async function discardBatchBody(body: BatchBody): Promise<void> {
  if (body.path === 'got') body.response.body.destroy();
  else await body.response.discard();
}

/**
 * Runs `use` with a fresh temp file path in `dir` (a hidden `.part` name carrying this process's
 * pid, see files/temp-files.ts), and removes that file afterwards whatever happened.
 */
export async function withTempFile<T>(dir: string, prefix: string, use: (temp: string) => Promise<T>): Promise<T> {
  const temp = join(dir, tempFileName(prefix));
  try {
    return await use(temp);
  } finally {
    // Best effort: a cleanup failure must not hide the error that brought us here.
    await rm(temp, { force: true }).catch(() => {});
  }
}
