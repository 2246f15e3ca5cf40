import { describe, expect, it } from 'vitest';
import { LowSpeedWatch, describeLowSpeed } from '../../../../main/core/http/low-speed';

/** Feeds the watch a body arriving at `bytesPerSecond`, ticking every 100 ms for `seconds`; the first time (ms) it says too slow, or null. */
function firstTooSlow(rule: { bytesPerSecond: number; durationMs: number }, speedAt: (ms: number) => number, seconds: number): number | null {
  const watch = new LowSpeedWatch(rule, 0);
  let bytes = 0;
  for (let now = 100; now <= seconds * 1000; now += 100) {
    bytes += speedAt(now) / 10;
    if (watch.tooSlow(bytes, now)) return now;
  }
  return null;
}

describe('LowSpeedWatch', () => {
  const rule = { bytesPerSecond: 1000, durationMs: 2000 };

  it('never fails a body at or above the limit', () => {
    expect(firstTooSlow(rule, () => 1000, 30)).toBeNull();
    expect(firstTooSlow(rule, () => 50_000, 30)).toBeNull();
  });

  it('fails a trickle once a whole window has passed, not before', () => {
    expect(firstTooSlow(rule, () => 20, 30)).toBe(2000);
  });

  it('judges the last window only: a fast start does not excuse a trickle later', () => {
    // 100 kB/s for 10 s, then 20 B/s: fails 2 s into the trickle.
    expect(firstTooSlow(rule, (ms) => (ms <= 10_000 ? 100_000 : 20), 30)).toBe(12_000);
  });

  it('forgives a short dip that the window averages out', () => {
    // 5 kB/s with a 500 ms pause every 3 s: above 1,000 B/s over any 2 s.
    expect(firstTooSlow(rule, (ms) => (ms % 3000 < 500 ? 0 : 5000), 30)).toBeNull();
  });

  it('says the rule in words', () => {
    expect(describeLowSpeed({ bytesPerSecond: 1024, durationMs: 120_000 })).toBe('slower than 1,024 bytes/s for 120 s');
  });
});
