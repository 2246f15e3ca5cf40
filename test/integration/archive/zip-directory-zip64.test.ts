import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingZip64Error, readZipDirectory } from '../../../main/core/archive';
import { fixtureDir, writeZip, writeZipPast4GiB } from '../../helpers/zip-fixtures';
import type { FixtureEntry } from '../../helpers/zip-fixtures';

function* tiny(count: number): Generator<FixtureEntry> {
  for (let i = 0; i < count; i++) yield { name: `f${i}.txt`, data: Buffer.from('x') };
}

/**
 * The download check (readZipDirectory) on zips past the 32-bit records without zip64 records:
 * such a zip is whole as its writer made it, so it is refused as that writer's fault
 * (MissingZip64Error, which asking again cannot cure), not as a zip cut short in transit.
 */
describe('readZipDirectory: zips their writer made without the zip64 records they need', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('refuses a count wrapped past 65,535 or held at 65,535, saying so, and reads the same entries with zip64 records', async () => {
    const wrapped = join(dir, 'wrapped.zip');
    writeZip(wrapped, tiny(70_000), { noZip64: true });
    const refusal = await readZipDirectory(wrapped).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MissingZip64Error);
    expect((refusal as Error).message).toBe('it holds 70,000 entries but its end record counts 4,464, and over 65,535 entries need zip64 records, which its writer left out');

    const saturated = join(dir, 'saturated.zip');
    const bytes = readFileSync(wrapped);
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 8);
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 10);
    writeFileSync(saturated, bytes);
    await expect(readZipDirectory(saturated)).rejects.toThrow(new MissingZip64Error('it holds 70,000 entries but its end record counts 65,535, and over 65,535 entries need zip64 records, which its writer left out'));

    const proper = join(dir, 'zip64.zip');
    writeZip(proper, tiny(70_000));
    expect(await readZipDirectory(proper)).toMatchObject({ entries: 70_000, zip64: true });
  });

  it('reads exactly 65,535 entries without zip64 records: the 16-bit count holds them', async () => {
    const path = join(dir, 'full-count.zip');
    writeZip(path, tiny(65_535), { noZip64: true });
    expect(await readZipDirectory(path)).toMatchObject({ entries: 65_535, zip64: false });
  });

  it('refuses a zip past 4 GiB whose 32-bit offsets wrapped (a sparse file)', async (context) => {
    if (process.platform === 'win32') context.skip();
    const path = join(dir, 'past-4gib.zip');
    writeZipPast4GiB(path);
    if (statSync(path).blocks * 512 > 64 * 1024 ** 2) {
      rmSync(path);
      context.skip();
    }
    const refusal = await readZipDirectory(path).catch((error: unknown) => error);
    rmSync(path);
    expect(refusal).toBeInstanceOf(MissingZip64Error);
    expect((refusal as Error).message).toBe('it is 4.00 GiB, past the 4 GiB that 32-bit offsets reach, and has no zip64 records: its writer cut its offsets to 32 bits');
  });

  it('still refuses a zip cut short or damaged as not a zip (not the writer\'s zip64 fault)', async () => {
    const path = join(dir, 'small.zip');
    writeZip(path, tiny(3));
    const bytes = readFileSync(path);
    // One count too many: not a wrap of 65,536.
    bytes.writeUInt16LE(4, bytes.length - 22 + 8);
    bytes.writeUInt16LE(4, bytes.length - 22 + 10);
    writeFileSync(path, bytes);
    const refusal = await readZipDirectory(path).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).not.toBeInstanceOf(MissingZip64Error);
  });
});
