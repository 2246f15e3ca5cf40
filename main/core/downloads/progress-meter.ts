import type { Readable } from 'node:stream';
import { AppErrorException } from '../app-error';

/** Progress of one download as the UI and the CLI show it. */
export interface ProgressSnapshot {
  bytes: number;
  /** Total bytes when the backend sent a Content-Length. */
  total: number | null;
  bytesPerSecond: number;
  /** Seconds left, when the total is known and the speed is not zero. */
  etaSeconds: number | null;
}

/** Options of the meter. */
export interface MeterOptions {
  total: number | null;
  /** No byte for this long: the body fails as `timeout` (a stalled download must not hang forever). */
  idleMs: number;
  /** At most one progress report per this many ms (plus a final one). */
  intervalMs: number;
  onProgress?: (snapshot: ProgressSnapshot) => void;
  /** Checks the first bytes (e.g. the zip signature); throws an AppErrorException to stop early. */
  checkStart?: (head: Buffer) => void;
  startBytes?: number;
}

const WINDOW_MS = 3000;

/**
 * Watches a body as it is piped elsewhere: counts bytes, reports throttled progress with speed
 * and ETA over a sliding window, and fails the body when it stalls for `idleMs` or starts
 * wrong. A listener rather than a Transform: one stream hop less on the hot path. The reason
 * of a failure it caused is kept in `failure` (the HTTP stream may wrap destroy errors).
 */
export class ProgressMeter {
  bytes = 0;
  failure: AppErrorException | null = null;
  private readonly options: MeterOptions;
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private lastReport = 0;
  private timer: NodeJS.Timeout | undefined;
  private head: Buffer | null;
  private readonly body: Readable;

  constructor(body: Readable, options: MeterOptions) {
    this.options = options;
    this.body = body;
    this.head = options.checkStart ? Buffer.alloc(0) : null;
    this.samples.push({ at: performance.now(), bytes: 0 });
    this.arm();
    body.on('data', (chunk: Buffer) => this.onData(chunk));
    body.once('end', () => this.onEnd());
    body.once('close', () => clearTimeout(this.timer));
  }

  private fail(error: AppErrorException): void {
    clearTimeout(this.timer);
    this.failure ??= error;
    this.body.destroy(error);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fail(new AppErrorException({ kind: 'timeout', message: `The backend stopped sending data for ${Math.round(this.options.idleMs / 1000)} s. Try again.` }));
    }, this.options.idleMs);
  }

  private checkHead(final: boolean): void {
    const want = this.options.startBytes ?? 4;
    if (this.head === null || (!final && this.head.length < want)) return;
    try {
      this.options.checkStart?.(this.head);
      this.head = null;
    } catch (error) {
      this.fail(error instanceof AppErrorException ? error : new AppErrorException({ kind: 'invalid-response', message: String(error) }));
    }
  }

  private onData(chunk: Buffer): void {
    this.arm();
    if (this.head !== null) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, (this.options.startBytes ?? 4) - this.head.length)]);
      this.checkHead(false);
    }
    this.bytes += chunk.length;
    const now = performance.now();
    if (now - this.lastReport >= this.options.intervalMs) this.report(now);
  }

  private onEnd(): void {
    clearTimeout(this.timer);
    this.checkHead(true);
    if (!this.failure) this.report(performance.now());
  }

  /** Throws the failure the meter caused, if any. */
  rethrow(): void {
    if (this.failure) throw this.failure;
  }

  /** The current figures. */
  snapshot(now = performance.now()): ProgressSnapshot {
    const samples = this.samples;
    samples.push({ at: now, bytes: this.bytes });
    while (samples.length > 2 && now - samples[0]!.at > WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const seconds = (now - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.round((this.bytes - first.bytes) / seconds) : 0;
    const { total } = this.options;
    const etaSeconds = total !== null && bytesPerSecond > 0 ? Math.max(0, Math.ceil((total - this.bytes) / bytesPerSecond)) : null;
    return { bytes: this.bytes, total, bytesPerSecond, etaSeconds };
  }

  private report(now: number): void {
    this.lastReport = now;
    this.options.onProgress?.(this.snapshot(now));
  }
}
