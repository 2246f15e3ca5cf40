import { describe, expect, it } from 'vitest';
import { EXTRACT_LIMITS, isExtractLimitError } from '../../../../shared/api/archive';
import { extractLimitError } from '../../../../main/core/archive/extract-limits';
import type { PlannedEntry } from '../../../../main/core/archive/planned-entries';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** A planned entry with only the sizes the limits look at. */
function planned(name: string, uncompressedSize: number, compressedSize: number): PlannedEntry {
  return { name, directory: false, modified: null, entry: { uncompressedSize, compressedSize, relativeOffsetOfLocalHeader: 0, compressionMethod: 8, crc32: 0, generalPurposeBitFlag: 0 } };
}

describe('extraction limits against zip bombs', () => {
  it('accepts ordinary archives: images and PDFs, text up to 100:1, tiny entries at any ratio, exactly 100,000 entries', () => {
    expect(extractLimitError([planned('a.png', 5 * MiB, 4.9 * MiB), planned('log.txt', 50 * MiB, MiB), planned('spaces.txt', 1000, 1)])).toBeNull();
    expect(extractLimitError(Array.from({ length: EXTRACT_LIMITS.maxEntries }, (_, i) => planned(`${i}.txt`, 10, 10)))).toBeNull();
  });

  it('refuses more than 100,000 entries, saying so and how to override', () => {
    const error = extractLimitError(Array.from({ length: EXTRACT_LIMITS.maxEntries + 1 }, (_, i) => planned(`${i}.txt`, 10, 10)))!.appError;
    expect(error.kind).toBe('archive');
    expect(error.message).toMatch(/100,001 entries; the limit is 100,000/);
    expect(error.message).toMatch(/--allow-large/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('refuses an entry over 1 MiB that grows more than 100 times', () => {
    const error = extractLimitError([planned('zeros.bin', 2 * GiB, 2 * MiB)])!.appError;
    expect(error.message).toMatch(/"zeros.bin" would grow 1,024 times .* the limit is 100:1/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('refuses more than 20 GiB in all', () => {
    const error = extractLimitError([planned('a.bin', 11 * GiB, 10 * GiB), planned('b.bin', 11 * GiB, 10 * GiB)])!.appError;
    expect(error.message).toMatch(/extract to 22.0 GiB; the limit is 20.0 GiB/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('tells limit refusals from other archive errors by their mark, not by their words', () => {
    expect(isExtractLimitError({ kind: 'archive', message: 'The file is not a zip archive.' })).toBe(false);
    // An entry name or a backend can put any words in a message; only core sets the mark.
    expect(isExtractLimitError({ kind: 'archive', message: 'Not extracted: over a safety limit against zip bombs. (quoted)' })).toBe(false);
    expect(isExtractLimitError({ kind: 'archive', message: 'any words', extractLimit: true })).toBe(true);
  });
});
