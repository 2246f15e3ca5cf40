import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExtractLimitError } from '../../../shared/api/archive';
import { appErrorOf } from '../../../main/core/app-error';
import { extractArchive } from '../../../main/core/archive';
import { fixtureDir, writeSharedStreamBomb, writeZip } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();
afterAll(cleanup);

const MiB = 1024 ** 2;
let counter = 0;
/** A fresh destination folder that does not exist yet (extraction creates it). */
const freshDestination = () => join(dir, `out-${++counter}`);

/** The AppError extraction fails with (fails the test when it succeeds). */
async function refusal(path: string, destination: string, allowLarge = false) {
  const error = await extractArchive(path, destination, { allowLarge }).then(
    (report) => new Error(`extracted ${report.extracted.length} entries`),
    (e: unknown) => e,
  );
  expect(appErrorOf(error), String(error)).not.toBeNull();
  return appErrorOf(error)!;
}

describe('zip bombs that pass every per-entry rule', () => {
  it('refuses entries that share one deflate stream (overlapping data), before writing anything, even with allowLarge', async () => {
    // 200 entries of 1 MiB each (at the per-entry ratio rule's threshold, so it never looks) from one stream.
    const path = join(dir, 'overlap.zip');
    writeSharedStreamBomb(path, 200, MiB);
    expect(statSync(path).size).toBeLessThan(20_000);
    const destination = freshDestination();
    const error = await refusal(path, destination);
    expect(error.kind).toBe('archive');
    expect(error.message).toMatch(/"1\.bin" overlaps .*"0\.bin"/);
    expect(error.message).toMatch(/zip bomb/);
    // Crafted, not merely large: no "extract it anyway".
    expect(isExtractLimitError(error)).toBe(false);
    expect(readdirSync(destination)).toEqual([]);
    const forced = await refusal(path, destination, true);
    expect(forced.message).toBe(error.message);
    expect(readdirSync(destination)).toEqual([]);
  });

  it('refuses an archive that grows more than 100 times in all, though no entry is over 1 MiB, and extracts it with allowLarge', async () => {
    const path = join(dir, 'many-small.zip');
    writeZip(path, Array.from({ length: 20 }, (_, i) => ({ name: `zeros-${i}.bin`, data: Buffer.alloc(MiB), deflate: true })));
    const destination = freshDestination();
    const error = await refusal(path, destination);
    expect(error.kind).toBe('archive');
    expect(isExtractLimitError(error)).toBe(true);
    expect(error.message).toMatch(/safety limit.*would grow [\d,]+ times in all .*the limit is 100:1.*extract it anyway/);
    expect(readdirSync(destination)).toEqual([]);
    const report = await extractArchive(path, destination, { allowLarge: true });
    expect(report.extracted).toHaveLength(20);
  });

  it('calls entries that run past the end of the file damaged (an archive error, no "extract it anyway")', async () => {
    const path = join(dir, 'past-end.zip');
    // A central directory that claims far more data than the file holds, as a cut or corrupted copy would.
    writeZip(path, [
      { name: 'ok.txt', data: Buffer.from('fine') },
      { name: 'big.bin', data: Buffer.from('only a few bytes'), declaredCompressedSize: 5 * MiB, declaredSize: 2 * 1024 * MiB },
    ]);
    const destination = freshDestination();
    const error = await refusal(path, destination);
    expect(error.kind).toBe('archive');
    expect(isExtractLimitError(error)).toBe(false);
    expect(error.message).toMatch(/"past-end\.zip" is damaged.*"big\.bin" runs past the end of the file/);
    expect(readdirSync(destination)).toEqual([]);
    expect((await refusal(path, destination, true)).message).toBe(error.message);
  });

  it('refuses an entry whose data runs into the zip directory', async () => {
    const path = join(dir, 'into-directory.zip');
    writeZip(path, [{ name: 'a.txt', data: Buffer.from('a') }, { name: 'b.txt', data: Buffer.from('b'), declaredCompressedSize: 40 }]);
    const destination = freshDestination();
    const error = await refusal(path, destination);
    expect(error.kind).toBe('archive');
    expect(isExtractLimitError(error)).toBe(false);
    expect(error.message).toMatch(/"b\.txt" overlaps the zip directory/);
    expect(readdirSync(destination)).toEqual([]);
  });
});
