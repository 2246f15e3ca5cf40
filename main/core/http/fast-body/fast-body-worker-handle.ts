import { closeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { makeRingMemory } from './hash-ring-layout';
import type { RingMemory } from './hash-ring-layout';
import { markGone, stopRingHasher } from './ring-hasher';
import { fastBodyWorkerEntry } from './worker-entry';
import { SHARED_BYTES, SHARED_FD, SHARED_SLOTS } from './worker-protocol';
import type { FastBodyWorkerData, FromWorker, ToWorker } from './worker-protocol';

/** How long a worker may take to close after `close` before it is terminated. */
const CLOSE_GRACE_MS = 2000;

/** The worker stopped by itself (a crash, a failed start): what it said, if anything. */
export class WorkerGone extends Error {
  override readonly name = 'WorkerGone';
}

/**
 * Main's handle on one fast body worker: messages in order, the shared byte counter, and a
 * close that always leaves nothing behind (the connection and the file closed by the worker,
 * or, should it not answer, the thread terminated and its file descriptor closed from here).
 * The worker's hasher is a second thread started here beside it, sharing the ring the
 * exchange reads into (hash-ring-layout.ts); it ends with the worker.
 */
export class FastBodyWorker {
  readonly counters: BigInt64Array;
  private readonly worker: Worker;
  private readonly hasher: Worker;
  private readonly ring: RingMemory;
  private readonly hasherExited: Promise<void>;
  private readonly inbox: FromWorker[] = [];
  private waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | null = null;
  private gone: WorkerGone | null = null;
  private readonly exited: Promise<void>;
  private closing: Promise<void> | null = null;

  /** Starts a worker, or null when its bundle is not there (the got path serves). */
  static start(): FastBodyWorker | null {
    const entry = fastBodyWorkerEntry();
    return entry ? new FastBodyWorker(entry.source, entry.eval) : null;
  }

  private constructor(source: string, evalSource: boolean) {
    const shared = new SharedArrayBuffer(SHARED_SLOTS * BigInt64Array.BYTES_PER_ELEMENT);
    this.counters = new BigInt64Array(shared);
    Atomics.store(this.counters, SHARED_FD, -1n);
    this.ring = makeRingMemory();
    const workerData: FastBodyWorkerData = { role: 'exchange', shared, ring: this.ring };
    this.worker = new Worker(source, { eval: evalSource, workerData });
    this.hasher = new Worker(source, { eval: evalSource, workerData: { role: 'hasher', ring: this.ring } satisfies FastBodyWorkerData });
    // However the hasher ends, a waiting exchange must learn it rather than wait on.
    this.hasher.on('error', () => markGone(this.ring));
    this.hasherExited = new Promise((resolve) => this.hasher.once('exit', () => {
      markGone(this.ring);
      resolve();
    }));
    this.worker.on('message', (message: FromWorker) => {
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(message);
      } else this.inbox.push(message);
    });
    this.worker.on('error', (error) => this.lost(new WorkerGone(`The download worker failed: ${error.message}`)));
    this.exited = new Promise((resolve) => this.worker.once('exit', (code) => {
      this.lost(new WorkerGone(`The download worker stopped (exit code ${code}).`));
      resolve();
    }));
  }

  /** Bytes of the body written so far. */
  bytesWritten(): number {
    return Number(Atomics.load(this.counters, SHARED_BYTES));
  }

  send(message: ToWorker): void {
    if (!this.gone && !this.closing) this.worker.postMessage(message);
  }

  /** The next message; rejects with WorkerGone if the worker ended first. */
  receive(): Promise<FromWorker> {
    const next = this.inbox.shift();
    if (next) return Promise.resolve(next);
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private lost(error: WorkerGone): void {
    this.gone ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.gone);
  }

  /** Closes the connection and any file, and ends the thread; resolves once it has ended. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    if (!this.gone) this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    if (!(await endedWithin(this.exited, CLOSE_GRACE_MS))) {
      await this.worker.terminate();
      // A thread stuck in a write keeps its descriptor open: closed here, so the temp file can go.
      const fd = Number(Atomics.load(this.counters, SHARED_FD));
      if (fd >= 0) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
      }
    }
    // The hasher ends once the exchange is done with the ring: asked to, or terminated if it does not within the grace.
    stopRingHasher(this.ring);
    if (!(await endedWithin(this.hasherExited, CLOSE_GRACE_MS))) await this.hasher.terminate();
  }
}

/** Whether `exited` settles within `ms`. */
async function endedWithin(exited: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const ended = await Promise.race([exited.then(() => true as const), late]);
  clearTimeout(timer);
  return ended;
}
