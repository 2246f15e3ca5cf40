import { describe, expect, it } from 'vitest';
import { firstRangeProblem, type DataRange } from '../../../../main/core/archive/entry-ranges';

const range = (name: string, start: number, end: number): DataRange => ({ name, start, end });
const bounds = { directoryOffset: 1000, fileSize: 1200 };

describe('firstRangeProblem', () => {
  it('accepts entries that follow one another, touching or with gaps (data descriptors), in any archive order', () => {
    expect(firstRangeProblem([range('a', 0, 100), range('b', 100, 400), range('c', 416, 1000)], bounds)).toBeNull();
    expect(firstRangeProblem([range('c', 416, 1000), range('a', 0, 100), range('b', 100, 400)], bounds)).toBeNull();
    expect(firstRangeProblem([], bounds)).toBeNull();
  });

  it('finds entries that share one stream (full overlap), naming the later one and the one it overlaps', () => {
    expect(firstRangeProblem([range('0.bin', 0, 500), range('1.bin', 0, 500), range('2.bin', 0, 500)], bounds)).toEqual({ kind: 'overlap', name: '1.bin', other: '0.bin' });
  });

  it('finds a local header quoted inside another entry\'s data (the overlap of the bigger bombs)', () => {
    expect(firstRangeProblem([range('outer', 0, 600), range('inner', 200, 600)], bounds)).toEqual({ kind: 'overlap', name: 'inner', other: 'outer' });
    expect(firstRangeProblem([range('a', 0, 300), range('b', 299, 500)], bounds)).toEqual({ kind: 'overlap', name: 'b', other: 'a' });
  });

  it('compares with the furthest-reaching earlier entry, not only the one just before', () => {
    // `big` spans `small`, which ends early; `late` starts after `small` but still inside `big`.
    expect(firstRangeProblem([range('big', 0, 900), range('small', 100, 200), range('late', 300, 400)], bounds)).toMatchObject({ kind: 'overlap', name: 'small', other: 'big' });
    expect(firstRangeProblem([range('big', 0, 900), range('late', 300, 400)], bounds)).toEqual({ kind: 'overlap', name: 'late', other: 'big' });
  });

  it('finds data that runs into the central directory, and data past the end of the file first of all', () => {
    expect(firstRangeProblem([range('a', 0, 100), range('b', 100, 1001)], bounds)).toEqual({ kind: 'into-directory', name: 'b' });
    // Damage outranks the crafted shapes: a new download fixes it.
    expect(firstRangeProblem([range('a', 0, 500), range('b', 0, 500), range('cut', 600, 5000)], bounds)).toEqual({ kind: 'past-end', name: 'cut', end: 5000 });
  });
});
