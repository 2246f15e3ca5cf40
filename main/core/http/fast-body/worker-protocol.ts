import type { IncomingHttpHeaders } from 'node:http';
import type { LowSpeedRule } from '../low-speed';
import type { ConnectPlan } from './fast-connection';
import type { RingMemory } from './hash-ring-layout';
import type { Framing } from './response-head';
import type { WireError } from './wire-errors';

/**
 * The shared counters (a SharedArrayBuffer of two BigInt64 slots): the body bytes written so
 * far, for main's progress, idle and low-speed checks without a message per read; and the file
 * descriptor the worker writes to (-1 when none is open), which main closes should it ever have
 * to terminate a worker that stopped answering.
 */
export const SHARED_BYTES = 0;
export const SHARED_FD = 1;
export const SHARED_SLOTS = 2;

/**
 * What a thread of the fast body path is given at start: both run the one bundle. The exchange
 * thread reads, writes and reports (worker-exchange.ts); the hasher hashes from the ring the
 * exchange reads into (ring-hasher.ts).
 */
export type FastBodyWorkerData =
  | { role: 'exchange'; shared: SharedArrayBuffer; ring: RingMemory }
  | { role: 'hasher'; ring: RingMemory };

/** Main → worker, one step at a time (each answered before the next is sent, but `close`, any time). */
export type ToWorker =
  /** Connect, send the request, read the head: answered by `head`, `failed` or `fallback`. */
  | { type: 'open'; plan: ConnectPlan; request: Uint8Array; firstByteMs: number }
  /** Read an error answer's body as text, at most `cap` bytes (as readCapped: '' when it fails): answered by `text`. */
  | { type: 'read-text'; cap: number; idleMs: number; lowSpeed: LowSpeedRule }
  /**
   * Write the body into the new file `path` (private, `wx`), hashing it with SHA-256 if asked:
   * answered by `start` once `startBytes` are in, then by `saved` or `failed`.
   */
  | { type: 'save'; path: string; mode: number; sha256: boolean; startBytes: number }
  /** The first bytes passed main's check: read on. */
  | { type: 'start-accepted' }
  /** Stop: the connection and any file closed, answered by `closed`; the worker then ends. */
  | { type: 'close' };

/** The head as it crosses (the fields as Node's `rawHeaders` and `headers`). */
export interface WireHead {
  status: number;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  framing: Framing;
}

/** Worker → main. */
export type FromWorker =
  | { type: 'head'; head: WireHead }
  | { type: 'text'; text: string }
  /** The first bytes of the body, for the caller's check (e.g. a zip signature); the worker waits for `start-accepted`. */
  | { type: 'start'; head: Uint8Array }
  /** The whole body is in the file, which is closed; `unchecked`: a body shorter than `startBytes`, still to be checked. */
  | { type: 'saved'; bytes: number; sha256: string | null; unchecked: Uint8Array | null }
  | { type: 'failed'; error: WireError }
  /** The fast path cannot serve this exchange (nothing of the body was written): the got path takes it from the start. */
  | { type: 'fallback'; reason: string }
  | { type: 'closed' };
