import { describe, expect, it } from 'vitest';
import type { AppErrorException } from '../../../main/core/app-error';
import { CounterMeter } from '../../../main/core/http/fast-body/counter-meter';
import type { CounterSnapshot } from '../../../main/core/http/fast-body/counter-meter';

const NO_RULE = { bytesPerSecond: 0, durationMs: 60_000 };

function failureOf(meter: (onFailure: (error: AppErrorException) => void) => CounterMeter): Promise<AppErrorException> {
  return new Promise((resolve) => meter(resolve));
}

describe('the meter of a body counted in the worker', () => {
  it('fails a counter that stops moving after idleMs, in the got path\'s words', async () => {
    const error = await failureOf((onFailure) => new CounterMeter(() => 10, { total: 100, idleMs: 600, lowSpeed: NO_RULE, peer: 'backend', intervalMs: 10, onFailure }));
    expect(error.appError).toEqual({ kind: 'timeout', message: 'The backend stopped sending data for 1 s. Try again.' });
  });

  it('fails a counter that moves too slowly under the low-speed rule', async () => {
    let bytes = 0;
    const error = await failureOf((onFailure) => new CounterMeter(() => ++bytes, { total: null, idleMs: 10_000, lowSpeed: { bytesPerSecond: 100_000, durationMs: 100 }, peer: 'backend', intervalMs: 10, onFailure }));
    expect(error.appError).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/low-speed limit/) });
  });

  it('reports throttled progress while the counter moves, and the whole body at the end', async () => {
    let bytes = 0;
    const seen: CounterSnapshot[] = [];
    const meter = new CounterMeter(() => (bytes += 1000), { total: 1_000_000, idleMs: 1000, lowSpeed: NO_RULE, peer: 'backend', intervalMs: 40, onProgress: (snapshot) => seen.push(snapshot), onFailure: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 220));
    meter.finish();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThan(12);
    expect(seen.at(-1)!.bytes).toBe(bytes);
    expect(seen.every((snapshot) => snapshot.total === 1_000_000)).toBe(true);
    expect(seen.at(-1)!.bytesPerSecond).toBeGreaterThan(0);
  });
});
