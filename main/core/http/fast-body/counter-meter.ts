import type { AppErrorException } from '../../app-error';
import { stalledError } from '../error-mapping';
import { LowSpeedWatch, tooSlowError } from '../low-speed';
import type { LowSpeedRule } from '../low-speed';
import type { Peer } from '../peer';

/** Progress of a body as the UI and the command line show it (the shape of downloads' ProgressSnapshot). */
export interface CounterSnapshot {
  bytes: number;
  total: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/** How a counted body is watched. */
export interface CounterMeterOptions {
  total: number | null;
  idleMs: number;
  lowSpeed: LowSpeedRule;
  peer: Peer;
  intervalMs: number;
  onProgress?: (snapshot: CounterSnapshot) => void;
  /** The body stalled or trickled: the meter has stopped, the caller stops the body with this error. */
  onFailure: (error: AppErrorException) => void;
}

const WINDOW_MS = 3000;

/**
 * The got path's ProgressMeter (downloads/progress-meter.ts) for a body counted elsewhere: the
 * worker adds to a shared counter, and one timer here reads it, reports throttled progress with
 * speed and ETA over the same 3 s window, and fails the body after `idleMs` without a byte or
 * below the low-speed rule, with the same errors and the same tick.
 */
export class CounterMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly lowSpeed: LowSpeedWatch;
  private lastReport = 0;
  private lastActivity: number;
  private bytesAtLastTick = 0;
  private stopped = false;

  constructor(
    private readonly count: () => number,
    private readonly options: CounterMeterOptions,
  ) {
    this.lastActivity = performance.now();
    this.samples.push({ at: this.lastActivity, bytes: 0 });
    this.lowSpeed = new LowSpeedWatch(options.lowSpeed, this.lastActivity);
    const tickMs = Math.max(5, Math.min(options.intervalMs || 5, options.idleMs / 2, options.lowSpeed.durationMs / 10));
    this.timer = setInterval(() => this.onTick(), tickMs);
  }

  private onTick(): void {
    const now = performance.now();
    const bytes = this.count();
    if (bytes !== this.bytesAtLastTick) {
      this.bytesAtLastTick = bytes;
      this.lastActivity = now;
      if (now - this.lastReport >= this.options.intervalMs) this.report(now, bytes);
    } else if (now - this.lastActivity >= this.options.idleMs) {
      return this.fail(stalledError(this.options.idleMs, this.options.peer));
    }
    if (this.lowSpeed.tooSlow(bytes, now)) this.fail(tooSlowError(this.options.lowSpeed, this.options.peer));
  }

  private fail(error: AppErrorException): void {
    this.stop();
    this.options.onFailure(error);
  }

  /** The body is complete: one last report, as the got path gives on its end. */
  finish(): void {
    if (this.stopped) return;
    this.stop();
    this.report(performance.now(), this.count());
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private report(now: number, bytes: number): void {
    this.lastReport = now;
    const samples = this.samples;
    samples.push({ at: now, bytes });
    while (samples.length > 2 && now - samples[0]!.at > WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const seconds = (now - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.round((bytes - first.bytes) / seconds) : 0;
    const { total } = this.options;
    const etaSeconds = total !== null && bytesPerSecond > 0 ? Math.max(0, Math.ceil((total - bytes) / bytesPerSecond)) : null;
    this.options.onProgress?.({ bytes, total, bytesPerSecond, etaSeconds });
  }
}
