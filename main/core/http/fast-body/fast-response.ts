import type { IncomingHttpHeaders } from 'node:http';
import { cancelled } from '../../app-error';
import type { AppErrorException } from '../../app-error';
import { PRIVATE_FILE_MODE } from '../../files/private-modes';
import type { LowSpeedRule } from '../low-speed';
import type { Peer } from '../peer';
import { CounterMeter } from './counter-meter';
import type { CounterSnapshot } from './counter-meter';
import type { FastBodyWorker } from './fast-body-worker-handle';
import { fromWire } from './wire-errors';
import type { FromWorker } from './worker-protocol';

/** How the fast path saves a body: the got path's options (downloads/save-body.ts), with the total already known. */
export interface FastSaveOptions {
  total: number | null;
  idleMs: number;
  intervalMs: number;
  onProgress?: (progress: CounterSnapshot) => void;
  /** Checks the first 4 bytes (a zip signature); throws to stop. */
  checkStart?: (head: Buffer) => void;
  signal?: AbortSignal;
  sha256: boolean;
}

/** The first bytes checkStart sees: the got path's meter checks 4 (progress-meter.ts, startBytes). */
const START_BYTES = 4;

/**
 * A 2xx answer on the fast path whose body has not been read yet: the status and fields as
 * Node would give them, and the worker waiting, its connection paused, to save the body or
 * drop it. The caller must `save` or `discard` it.
 */
export class FastResponse {
  constructor(
    private readonly worker: FastBodyWorker,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    /** The URL that answered (the fast path follows no redirect). */
    readonly url: string,
    readonly peer: Peer,
    readonly lowSpeed: LowSpeedRule,
  ) {}

  /**
   * Streams the body into the new file `temp` in the worker (writeSync from its read buffer,
   * SHA-256 over the same bytes), with main's meter on the shared counter for progress, idle and
   * low speed, and the start checked before anything more is read. Settles only once the worker
   * has closed the file, so the caller's cleanup never races a write. Throws what stopped it.
   */
  async save(temp: string, options: FastSaveOptions): Promise<{ bytes: number; sha256: string | null }> {
    let stop: (error: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => {}); // raced below; never left unheard
    const meter = new CounterMeter(() => this.worker.bytesWritten(), {
      total: options.total,
      idleMs: options.idleMs,
      lowSpeed: this.lowSpeed,
      peer: this.peer,
      intervalMs: options.intervalMs,
      onProgress: options.onProgress,
      onFailure: (error: AppErrorException) => stop(error),
    });
    const onAbort = () => stop(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    try {
      this.worker.send({ type: 'save', path: temp, mode: PRIVATE_FILE_MODE, sha256: options.sha256, startBytes: options.checkStart ? START_BYTES : 0 });
      for (;;) {
        const message: FromWorker = await Promise.race([this.worker.receive(), stopped]);
        if (message.type === 'start') {
          options.checkStart?.(Buffer.from(message.head));
          this.worker.send({ type: 'start-accepted' });
        } else if (message.type === 'saved') {
          // A body shorter than the start is checked at its end, as the got path's meter does.
          if (message.unchecked) options.checkStart?.(Buffer.from(message.unchecked));
          meter.finish();
          return { bytes: message.bytes, sha256: message.sha256 };
        } else if (message.type === 'failed') throw fromWire(message.error);
        else throw new Error(`The download worker answered ${message.type} while saving.`);
      }
    } finally {
      meter.stop();
      options.signal?.removeEventListener('abort', onAbort);
      await this.worker.close();
    }
  }

  /** Drops the body unread (a web page instead of a zip): the connection closed, the worker ended. */
  discard(): Promise<void> {
    return this.worker.close();
  }
}
