import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { extractArchive, listArchive, verifyArchive } from '../../../main/core/archive';
import { fixtureDir, runArchiver } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();
const MUTANTS = 150;
let base: Buffer;

/** A small seeded generator, so every run damages the archive the same way. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The outcome of one operation: 'ok', or the AppError kind; anything else thrown is a bug and rethrown. */
async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    const appError = appErrorOf(error);
    if (!appError) throw error;
    return appError.kind;
  }
}

beforeAll(() => {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  const random = seeded(7);
  // Deflated data of both kinds: noisy bytes and long repeats (back references a flip can break).
  writeFileSync(join(src, 'noise.bin'), Buffer.from(Array.from({ length: 60_000 }, () => Math.floor(random() * 256))));
  writeFileSync(join(src, 'sub', 'lines.txt'), Array.from({ length: 8000 }, (_, i) => `line ${i}`).join('\n'));
  writeFileSync(join(src, 'sub', 'small.txt'), 'small');
  runArchiver('zip', ['-q', '-r', '-X', '../base.zip', '.'], src);
  base = readFileSync(join(dir, 'base.zip'));
});
afterAll(cleanup);

describe('damaged archives', () => {
  it('list, verify and extract either succeed or fail with an archive error, never crash or write outside', { timeout: 90_000 }, async () => {
    const random = seeded(1);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    for (let i = 0; i < MUTANTS; i++) {
      const bytes = Buffer.from(base);
      const flips = 1 + Math.floor(random() * 8);
      for (let k = 0; k < flips; k++) {
        // Half the damage lands in the directory at the end, half anywhere (headers, data).
        const at = random() < 0.5 ? bytes.length - 1 - Math.floor(random() * 200) : Math.floor(random() * bytes.length);
        bytes.writeUInt8(Math.floor(random() * 256), at);
      }
      const damaged = random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      const file = join(dir, 'damaged.zip');
      writeFileSync(file, damaged);
      const jail = join(dir, 'jail');
      const destination = join(jail, 'out');
      mkdirSync(jail);
      count(`list:${await outcome(() => listArchive(file))}`);
      count(`verify:${await outcome(() => verifyArchive(file))}`);
      count(`extract:${await outcome(() => extractArchive(file, destination))}`);
      // The destination's parent holds the destination and nothing else.
      expect(readdirSync(jail).filter((name) => name !== 'out')).toEqual([]);
      rmSync(jail, { recursive: true, force: true });
    }
    const kinds = new Set([...outcomes.keys()].map((key) => key.split(':')[1]));
    expect([...kinds].sort()).toEqual(['archive', 'ok']);
  });
});
