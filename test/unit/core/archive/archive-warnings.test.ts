import { describe, expect, it } from 'vitest';
import { missingZip64Warnings } from '../../../../main/core/archive/archive-warnings';
import type { DirectoryFacts } from '../../../../main/core/archive/archive-warnings';

const GIB = 1024 ** 3;

/** The facts of an honest small zip of two entries, with `changes`. */
function facts(changes: Partial<DirectoryFacts> = {}): DirectoryFacts {
  return {
    fileSize: 1_000,
    zip64: false,
    endRecordAt: 978,
    endEntries: 2,
    directorySize: 120,
    headersBeyondCount: 0,
    directoryStart: 858,
    entries: [
      { name: 'a.png', offset: 0, compressedSize: 400 },
      { name: 'b.png', offset: 435, compressedSize: 380 },
    ],
    ...changes,
  };
}

describe('missingZip64Warnings', () => {
  it('says nothing of an honest zip, small or zip64', () => {
    expect(missingZip64Warnings(facts())).toEqual([]);
    expect(missingZip64Warnings(facts({ zip64: true, fileSize: 6 * GIB, endRecordAt: 6 * GIB - 22, directorySize: 0xffffffff, endEntries: 0xffff }))).toEqual([]);
  });

  it('counts the headers past a 16-bit count that wrapped', () => {
    const [warning, ...rest] = missingZip64Warnings(facts({ endEntries: 4_464, headersBeyondCount: 65_536 }));
    expect(rest).toEqual([]);
    expect(warning).toEqual({ kind: 'missing-zip64', reason: expect.stringContaining('The end record counts 4,464 entries but the central directory holds 70,000') });
    expect(warning!.reason).toContain('likely truncated by its writer');
    // With zip64 records the 16-bit count does not matter (and the headers past it are not counted).
    expect(missingZip64Warnings(facts({ zip64: true, endEntries: 0xffff, headersBeyondCount: 10 }))).toEqual([]);
  });

  it('finds a central directory past 4 GiB behind a 32-bit offset, claimed by the end record alone', () => {
    const fileSize = 5 * GIB;
    const warnings = missingZip64Warnings(facts({ fileSize, endRecordAt: fileSize - 22, directorySize: 1_000, directoryStart: (fileSize - 1_022) % 2 ** 32 }));
    expect(warnings).toEqual([{ kind: 'missing-zip64', reason: expect.stringMatching(/^The archive is 5\.00 GiB, past the 4 GiB that 32-bit offsets reach, and has no zip64 records: .*some entries point to the wrong place and will not read back \(Verify names them\)\.$/) }]);
    // A directory that ends right below 4 GiB fits its 32-bit fields.
    expect(missingZip64Warnings(facts({ fileSize: 2 ** 32, endRecordAt: 2 ** 32 - 22, directorySize: 1_000, directoryStart: 2 ** 32 - 1_022 }))).toEqual([]);
  });

  it('finds an entry whose data runs 4 GiB past its declared size (a size cut to 32 bits), naming it and counting the rest', () => {
    const big = 2 ** 32 + 5_000;
    const entries = [
      { name: 'small.txt', offset: 0, compressedSize: 10 },
      { name: 'video-1.mp4', offset: 50, compressedSize: big % 2 ** 32 },
      { name: 'video-2.mp4', offset: 50 + 45 + big, compressedSize: big % 2 ** 32 },
    ];
    const directoryStart = 50 + 2 * (45 + big);
    const warnings = missingZip64Warnings(facts({ zip64: true, entries, directoryStart, fileSize: directoryStart + 200, endRecordAt: directoryStart + 178, directorySize: 178 }));
    expect(warnings).toEqual([{ kind: 'missing-zip64', reason: expect.stringMatching(/^The data of “video-1\.mp4” and 1 more runs at least 4 GiB past its declared size/) }]);
    // Entries that share one stream (a zip bomb's trick) are no gap at all.
    expect(missingZip64Warnings(facts({ entries: [{ name: 'a', offset: 0, compressedSize: 100 }, { name: 'b', offset: 0, compressedSize: 100 }] }))).toEqual([]);
  });
});
