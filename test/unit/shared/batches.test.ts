import { describe, expect, it } from 'vitest';
import { MAX_BATCH_SIZE, batchCount, partBaseOf, partFileName, splitIntoBatches } from '../../../shared/batches';

describe('splitting a download into batches', () => {
  it('counts the requests a download takes: one without a limit or within it, else the ceiling', () => {
    expect(batchCount(22_000, null)).toBe(1);
    expect(batchCount(10, 10)).toBe(1);
    expect(batchCount(11, 10)).toBe(2);
    expect(batchCount(22_000, 10_000)).toBe(3);
    expect(batchCount(0, 5)).toBe(1);
    expect(MAX_BATCH_SIZE).toBe(100_000);
  });

  it('cuts items into consecutive batches of at most the maximum, keeping their order', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(splitIntoBatches(items, 3)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(splitIntoBatches(items, 7)).toEqual([items]);
    expect(splitIntoBatches(items, null)).toEqual([items]);
    expect(splitIntoBatches(items, 1)).toHaveLength(7);
    expect(splitIntoBatches(items, 3).flat()).toEqual(items);
  });

  it('names parts `name (part k of n).zip` from a zip name, with or without its own part suffix', () => {
    expect(partFileName('Canvas exports', 2, 3)).toBe('Canvas exports (part 2 of 3).zip');
    expect(partBaseOf('Canvas exports.zip')).toBe('Canvas exports');
    expect(partBaseOf('Canvas exports (part 1 of 3).zip')).toBe('Canvas exports');
    expect(partBaseOf('x.jar.ZIP')).toBe('x.jar');
    expect(partBaseOf('no-extension')).toBe('no-extension');
  });
});
