import { describe, expect, it } from 'vitest';
import { EXTRACT_LIMITS, isExtractLimitError } from '../../../../shared/api/archive';
import { formatBytes } from '../../../../shared/format';
import { extractLimitError } from '../../../../main/core/archive/extract-limits';
import type { PlannedEntry } from '../../../../main/core/archive/planned-entries';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** A planned entry with only the sizes the limits look at. */
function planned(name: string, uncompressedSize: number, compressedSize: number): PlannedEntry {
  return { name, directory: false, modified: null, entry: { uncompressedSize, compressedSize, relativeOffsetOfLocalHeader: 0, compressionMethod: 8, crc32: 0, generalPurposeBitFlag: 0 } };
}

/** The size of an archive holding exactly these entries' data (what the whole-archive ratio divides by). */
const onDisk = (entries: PlannedEntry[]) => entries.reduce((sum, item) => sum + item.entry.compressedSize, 0);
/** The limit error for these entries, in an archive of just their data. */
const limitOf = (entries: PlannedEntry[]) => extractLimitError(entries, onDisk(entries));

describe('extraction limits against zip bombs', () => {
  it('accepts ordinary archives: images and PDFs, text up to 100:1, tiny entries at any ratio, exactly 100,000 entries', () => {
    expect(limitOf([planned('a.png', 5 * MiB, 4.9 * MiB), planned('log.txt', 50 * MiB, MiB), planned('spaces.txt', 1000, 1)])).toBeNull();
    expect(limitOf(Array.from({ length: EXTRACT_LIMITS.maxEntries }, (_, i) => planned(`${i}.txt`, 10, 10)))).toBeNull();
  });

  it('refuses more than 100,000 entries, saying so and how to override', () => {
    const error = limitOf(Array.from({ length: EXTRACT_LIMITS.maxEntries + 1 }, (_, i) => planned(`${i}.txt`, 10, 10)))!.appError;
    expect(error.kind).toBe('archive');
    expect(error.message).toMatch(/100,001 entries; the limit is 100,000/);
    expect(error.message).toMatch(/you can extract it anyway\.$/);
    // The core speaks to the window and the command line alike: neither's way of confirming is named here.
    expect(error.message).not.toMatch(/--allow-large|export-manager|in the app/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('refuses an entry over 1 MiB that grows more than 100 times', () => {
    const error = limitOf([planned('zeros.bin', 2 * GiB, 2 * MiB)])!.appError;
    expect(error.message).toMatch(/"zeros.bin" would grow 1,024 times .* the limit is 100:1/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('refuses more than 20 GiB in all', () => {
    const error = limitOf([planned('a.bin', 11 * GiB, 10 * GiB), planned('b.bin', 11 * GiB, 10 * GiB)])!.appError;
    expect(error.message).toMatch(/extract to 22.0 GiB; the limit is 20.0 GiB/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('refuses an archive that grows more than 100 times in all, though no entry is over 1 MiB', () => {
    // 2,048 entries of 1 MiB, each 1 KiB compressed: every entry is exempt from the per-entry rule.
    const entries = Array.from({ length: 2048 }, (_, i) => planned(`${i}.bin`, MiB, 1024));
    const error = extractLimitError(entries, 115_783)!.appError;
    expect(error.kind).toBe('archive');
    expect(error.message).toMatch(/would grow 18,547 times in all \(113 KiB on disk to 2.00 GiB\); the limit is 100:1/);
    expect(isExtractLimitError(error)).toBe(true);
  });

  it('measures the whole archive against its size on disk, and exempts small extractions as it does small entries', () => {
    const entries = Array.from({ length: 30 }, (_, i) => planned(`${i}.txt`, 1000 * 1024, 30 * 1024));
    expect(extractLimitError(entries, onDisk(entries))).toBeNull();
    // The same entries declared in an archive a tenth of their compressed size: they cannot all be there.
    expect(extractLimitError(entries, onDisk(entries) / 10)).not.toBeNull();
    // Under 1 MiB in all: harmless at any ratio.
    expect(extractLimitError([planned('spaces.txt', 1000 * 1024, 10)], 200)).toBeNull();
  });

  it('words small sizes in KiB or bytes, never as 0.0 MiB', () => {
    const error = extractLimitError([planned('zeros.bin', 2 * MiB, 2000)], 4 * MiB)!.appError;
    expect(error.message).toContain(`(${formatBytes(2000)} to ${formatBytes(2 * MiB)})`);
    expect(error.message).toContain('(1.95 KiB to 2.00 MiB)');
    expect(error.message).not.toMatch(/0\.0 MiB/);
  });

  it('tells limit refusals from other archive errors by their mark, not by their words', () => {
    expect(isExtractLimitError({ kind: 'archive', message: 'The file is not a zip archive.' })).toBe(false);
    // An entry name or a backend can put any words in a message; only core sets the mark.
    expect(isExtractLimitError({ kind: 'archive', message: 'Not extracted: over a safety limit against zip bombs. (quoted)' })).toBe(false);
    expect(isExtractLimitError({ kind: 'archive', message: 'any words', extractLimit: true })).toBe(true);
  });
});
