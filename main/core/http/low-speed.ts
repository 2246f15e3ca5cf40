import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import { capitalPeerName } from './peer';
import type { Peer } from './peer';

/**
 * curl's low-speed rule (`--speed-limit` / `--speed-time`): a body that arrives slower than
 * `bytesPerSecond` on average over `durationMs` fails as `timeout`. The idle timer alone only
 * catches a body that stops: one byte a second would keep a download alive for ever.
 */
export interface LowSpeedRule {
  bytesPerSecond: number;
  durationMs: number;
}

/** curl's defaults are off; these are the app's: 1,024 B/s over 120 s (a stuck transfer, not a slow line). */
export const DEFAULT_LOW_SPEED: LowSpeedRule = { bytesPerSecond: 1024, durationMs: 120_000 };

/** The rule in words: "slower than 1,024 bytes/s for 120 s". */
export function describeLowSpeed(rule: LowSpeedRule): string {
  const seconds = (rule.durationMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `slower than ${rule.bytesPerSecond.toLocaleString('en-US')} bytes/s for ${seconds} s`;
}

/** The exception for a body that broke the rule. */
export function tooSlowError(rule: LowSpeedRule, peer: Peer): AppErrorException {
  return appError(
    'timeout',
    `${capitalPeerName(peer)} sent data ${describeLowSpeed(rule)} (the low-speed limit), so the download was stopped. The connection or the server may be stuck: try again later.`,
  );
}

/** Samples kept per window at most: enough resolution, bounded memory for a 120 s window at 100 ms ticks. */
const SAMPLES_PER_WINDOW = 50;

/**
 * Watches a byte count over time and says when the average speed over the last `durationMs`
 * fell below the limit. Nothing is judged before a whole window has passed since the start (a
 * body's first second says little). The caller feeds it from a timer it already has.
 */
export class LowSpeedWatch {
  private readonly rule: LowSpeedRule;
  private readonly samples: Array<{ at: number; bytes: number }>;
  private readonly spacingMs: number;
  /** Index of the oldest sample still needed: the last one at or before the window's start. */
  private oldest = 0;

  constructor(rule: LowSpeedRule, startedAt: number) {
    this.rule = rule;
    this.samples = [{ at: startedAt, bytes: 0 }];
    this.spacingMs = rule.durationMs / SAMPLES_PER_WINDOW;
  }

  /** Records that `bytes` had arrived in all by `now`; true when the last window averaged below the limit. */
  tooSlow(bytes: number, now: number): boolean {
    const samples = this.samples;
    if (now - samples[samples.length - 1]!.at >= this.spacingMs) samples.push({ at: now, bytes });
    const windowStart = now - this.rule.durationMs;
    while (this.oldest + 1 < samples.length && samples[this.oldest + 1]!.at <= windowStart) this.oldest++;
    if (this.oldest > SAMPLES_PER_WINDOW) {
      samples.splice(0, this.oldest); // keep the array small: what is before the window is never read again
      this.oldest = 0;
    }
    const from = samples[this.oldest]!;
    const elapsedMs = now - from.at;
    if (elapsedMs < this.rule.durationMs) return false;
    return (bytes - from.bytes) * 1000 < this.rule.bytesPerSecond * elapsedMs;
  }
}
