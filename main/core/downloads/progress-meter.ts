import type { Readable } from 'node:stream';
import { AppErrorException, appError } from '../app-error';
import { stalledError } from '../http/error-mapping';
import { LowSpeedWatch, tooSlowError } from '../http/low-speed';
import type { LowSpeedRule } from '../http/low-speed';
import type { Peer } from '../http/peer';

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
  /** Slower than this on average: the body fails as `timeout` (a trickle must not hang forever either). */
  lowSpeed?: LowSpeedRule;
  /** Who sends the body, for the errors' words (default: the backend). */
  peer?: Peer;
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
 * and ETA over a sliding window, and fails the body when it stalls for `idleMs`, trickles below
 * the low-speed rule, or starts wrong. A listener rather than a Transform: one stream hop less on the hot path. Per chunk it
 * only adds to a counter (a 1 GiB body is ~16k chunks): no clock read, no timer re-arm, no
 * allocation. One timer ticks instead, reports when bytes moved and fails after `idleMs` without
 * any. The reason of a failure it caused is kept in `failure` (the HTTP stream may wrap destroy errors).
 */
export class ProgressMeter {
  bytes = 0;
  failure: AppErrorException | null = null;
  private readonly options: MeterOptions;
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private lastReport = 0;
  private lastActivity: number;
  private bytesAtLastTick = 0;
  private timer: NodeJS.Timeout | undefined;
  private head: Buffer | null;
  private readonly body: Readable;
  private readonly lowSpeed: LowSpeedWatch | null;

  constructor(body: Readable, options: MeterOptions) {
    this.options = options;
    this.body = body;
    this.head = options.checkStart ? Buffer.alloc(0) : null;
    this.lastActivity = performance.now();
    this.samples.push({ at: this.lastActivity, bytes: 0 });
    this.lowSpeed = options.lowSpeed ? new LowSpeedWatch(options.lowSpeed, this.lastActivity) : null;
    // Tick often enough for the report interval, the idle limit (detected within half of it) and the low-speed window.
    const tickMs = Math.max(5, Math.min(options.intervalMs || 5, options.idleMs / 2, (options.lowSpeed?.durationMs ?? Infinity) / 10));
    this.timer = setInterval(() => this.onTick(), tickMs);
    body.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      if (this.head !== null) this.onHead(chunk);
    });
    body.once('end', () => this.onEnd());
    body.once('close', () => clearInterval(this.timer));
  }

  private fail(error: AppErrorException): void {
    clearInterval(this.timer);
    this.failure ??= error;
    this.body.destroy(error);
  }

  private onTick(): void {
    const now = performance.now();
    if (this.bytes !== this.bytesAtLastTick) {
      this.bytesAtLastTick = this.bytes;
      this.lastActivity = now;
      if (now - this.lastReport >= this.options.intervalMs) this.report(now);
    } else if (now - this.lastActivity >= this.options.idleMs) {
      this.fail(stalledError(this.options.idleMs, this.options.peer));
      return;
    }
    if (this.lowSpeed?.tooSlow(this.bytes, now)) this.fail(tooSlowError(this.options.lowSpeed!, this.options.peer ?? 'backend'));
  }

  private checkHead(final: boolean): void {
    const want = this.options.startBytes ?? 4;
    if (this.head === null || (!final && this.head.length < want)) return;
    try {
      this.options.checkStart?.(this.head);
      this.head = null;
    } catch (error) {
      this.fail(error instanceof AppErrorException ? error : appError('invalid-response', String(error)));
    }
  }

  /** Only until the first few bytes are in: collects them and checks them once. */
  private onHead(chunk: Buffer): void {
    const head = this.head!;
    this.head = Buffer.concat([head, chunk.subarray(0, (this.options.startBytes ?? 4) - head.length)]);
    this.checkHead(false);
  }

  private onEnd(): void {
    clearInterval(this.timer);
    this.checkHead(true);
    if (!this.failure) this.report(performance.now());
  }

  /** Stops the timer: the body is done with, whichever way (its 'close' may have come before the meter was attached). */
  stop(): void {
    clearInterval(this.timer);
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
