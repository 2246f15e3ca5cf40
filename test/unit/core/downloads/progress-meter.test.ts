import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../../../main/core/downloads/progress-meter';
import type { ProgressSnapshot } from '../../../../main/core/downloads/progress-meter';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProgressMeter', () => {
  it('throttles reports to the interval, ends with an exact final one, and computes speed and ETA', async () => {
    const body = new PassThrough();
    const seen: ProgressSnapshot[] = [];
    const meter = new ProgressMeter(body, { total: 100 * 1000, idleMs: 5000, intervalMs: 100, onProgress: (p) => seen.push(p) });
    body.resume();
    for (let i = 0; i < 50; i++) {
      body.write(Buffer.alloc(1000));
      await tick(6);
    }
    body.end();
    await tick(20);
    expect(meter.bytes).toBe(50_000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(6); // ~300+ ms of data at most 10 a second, plus the final report
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ bytes: 50_000, total: 100_000 });
    expect(last.bytesPerSecond).toBeGreaterThan(0);
    expect(last.etaSeconds).not.toBeNull();
  });

  it('fails the body as timeout when no byte arrives for the idle time', async () => {
    const body = new PassThrough();
    const meter = new ProgressMeter(body, { total: null, idleMs: 50, intervalMs: 100 });
    body.on('error', () => {}); // in a download, pipeline listens
    body.write(Buffer.from('PK'));
    await tick(120);
    expect(body.destroyed).toBe(true);
    expect(meter.failure?.appError.kind).toBe('timeout');
  });

  it('fails early when the first bytes are not what the check wants', async () => {
    const body = new PassThrough();
    const meter = new ProgressMeter(body, {
      total: null, idleMs: 1000, intervalMs: 100,
      checkStart: (head) => { if (head.toString() !== 'PK\u0003\u0004') throw new Error('not a zip'); },
    });
    body.on('error', () => {});
    body.write(Buffer.from('<html>'));
    await tick(10);
    expect(meter.failure?.appError.kind).toBe('invalid-response');
    expect(body.destroyed).toBe(true);
  });
});
