import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryProgress } from '../../../../main/core/archive/job-progress';
import { throttleProgress } from '../../../../main/core/archive/throttle-progress';

const report = (entriesDone: number, entry: string | null = `e${entriesDone}`): EntryProgress => ({ entriesDone, entriesTotal: 10, bytesDone: 0, bytesTotal: 0, entry });

describe('throttleProgress', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the first report at once, about ten a second after it, and always the last (entry null)', () => {
    let now = 5; // a fresh worker's clock starts near zero: the first report must still pass
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const passed: number[] = [];
    const listener = throttleProgress((progress) => passed.push(progress.entriesDone));
    for (let i = 0; i < 10; i++) {
      listener(report(i));
      now += 30;
    }
    listener(report(10, null));
    expect(passed).toEqual([0, 4, 8, 10]);
  });
});
