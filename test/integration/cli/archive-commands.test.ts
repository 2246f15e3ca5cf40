import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipStream } from '../../../main/core/sample-backend/zip-writer';
import { BUILT_CLI, runBuiltCli } from '../../helpers/run-cli';
import { writeZip } from '../../helpers/zip-fixtures';

interface InspectJson {
  ok: true;
  count: number;
  totalSize: number;
  entries: Array<{ name: string; size: number; compressedSize: number; modified: string | null; directory: boolean; encrypted: boolean; unsafe: string | null }>;
}

describe('export-manager inspect and extract', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-archive-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A zip made by Info-ZIP from real files. */
  function infoZip(): string {
    const source = join(root, 'source');
    mkdirSync(join(source, 'images'), { recursive: true });
    writeFileSync(join(source, 'images', 'a.png'), Buffer.alloc(2048, 1));
    writeFileSync(join(source, 'notes – ünïcode.txt'), 'hello');
    execFileSync('zip', ['-qr', join(root, 'good.zip'), '.'], { cwd: source });
    return join(root, 'good.zip');
  }

  /** A zip with a traversal entry, which archivers refuse to make. */
  async function hostileZip(): Promise<string> {
    const path = join(root, 'hostile.zip');
    const entries = [
      { name: 'safe.txt', data: Buffer.from('fine') },
      { name: '../escape.txt', data: Buffer.from('evil') },
      { name: '/etc/absolute.txt', data: Buffer.from('evil') },
    ];
    await pipeline(Readable.from(zipStream(entries)), createWriteStream(path));
    return path;
  }

  it('prints every entry as JSON with sizes and flags', async () => {
    const run = await runBuiltCli(['inspect', infoZip(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const listing = run.json<InspectJson>();
    expect(listing.ok).toBe(true);
    const names = listing.entries.map((entry) => entry.name).sort();
    expect(names).toEqual(['images/', 'images/a.png', 'notes – ünïcode.txt']);
    expect(listing.count).toBe(3);
    expect(listing.totalSize).toBe(2048 + 5);
    const image = listing.entries.find((entry) => entry.name === 'images/a.png')!;
    expect(image).toMatchObject({ size: 2048, directory: false, encrypted: false, unsafe: null });
    expect(image.compressedSize).toBeLessThan(2048);
    expect(Object.keys(image).sort()).toEqual(['compressedSize', 'directory', 'encrypted', 'flags', 'modified', 'name', 'size', 'unsafe']);
  });

  it('prints a table without --json, flagging unsafe names', async () => {
    const run = await runBuiltCli(['inspect', await hostileZip()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/safe\.txt/);
    expect(run.stdout).toMatch(/\.\.\/escape\.txt.*UNSAFE/);
    expect(run.stdout).toMatch(/3 entries/);
  });

  it('extracts the safe entries, refuses the rest with reasons and exits 3', async () => {
    const target = join(root, 'out');
    const run = await runBuiltCli(['extract', await hostileZip(), '--to', target, '--json']);
    expect(run.code, run.stderr).toBe(3);
    const report = run.json<{ ok: boolean; extracted: string[]; refused: Array<{ name: string; reason: string }> }>();
    expect(report.ok).toBe(false);
    expect(report.extracted).toEqual(['safe.txt']);
    expect(report.refused.map((item) => item.name).sort()).toEqual(['../escape.txt', '/etc/absolute.txt']);
    for (const item of report.refused) expect(item.reason.length).toBeGreaterThan(5);
    expect(readFileSync(join(target, 'safe.txt'), 'utf8')).toBe('fine');
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(readdirSync(target)).toEqual(['safe.txt']);
  });

  it('extracts everything and exits 0 when nothing is refused', async () => {
    const target = join(root, 'all');
    const run = await runBuiltCli(['extract', infoZip(), '--to', target, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, refused: [] });
    expect(readFileSync(join(target, 'notes – ünïcode.txt'), 'utf8')).toBe('hello');
  });

  it('fails with an archive error for a file that is not a zip, and usage errors with exit 2', async () => {
    const fake = join(root, 'fake.zip');
    writeFileSync(fake, '<html>not a zip</html>');
    const inspect = await runBuiltCli(['inspect', fake, '--json']);
    expect(inspect.code).toBe(1);
    expect(inspect.json()).toMatchObject({ ok: false, error: { kind: 'archive' } });
    const extract = await runBuiltCli(['extract', fake, '--to', join(root, 'x')]);
    expect(extract.code).toBe(1);
    expect(extract.stderr).toMatch(/^export-manager: /);
    expect((await runBuiltCli(['extract', fake])).code).toBe(2);
    expect((await runBuiltCli(['inspect'])).code).toBe(2);
  });

  it('refuses a zip bomb (an entry growing 1000 times) with exit 1 and kind archive, and extracts it with --allow-large', async () => {
    const source = join(root, 'bomb');
    mkdirSync(source);
    writeFileSync(join(source, 'zeros.bin'), Buffer.alloc(8 * 1024 * 1024));
    execFileSync('zip', ['-q', join(root, 'bomb.zip'), 'zeros.bin'], { cwd: source });
    const refused = await runBuiltCli(['extract', join(root, 'bomb.zip'), '--to', join(root, 'out'), '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { kind: 'archive', extractLimit: true, message: expect.stringMatching(/safety limit.*--allow-large/) } });
    expect(readdirSync(join(root, 'out'))).toEqual([]);
    const allowed = await runBuiltCli(['extract', join(root, 'bomb.zip'), '--to', join(root, 'out'), '--allow-large', '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readdirSync(join(root, 'out'))).toEqual(['zeros.bin']);
  });

  it('stops on Ctrl-C with exit 130, keeps the complete files it wrote and lists exactly those', async () => {
    const zip = join(root, 'many.zip');
    const data = (i: number) => Buffer.from(`item ${i} `.repeat(40));
    writeZip(zip, [
      ...Array.from({ length: 4000 }, (_, i) => ({ name: `part-${i % 8}/item-${i}.txt`, data: data(i), deflate: true })),
      ...Array.from({ length: 6 }, (_, i) => ({ name: `large-${i}.bin`, data: Buffer.alloc(8 * 1024 * 1024, i) })),
    ]);
    const target = join(root, 'out');
    const child = spawn(process.execPath, [BUILT_CLI, 'extract', zip, '--to', target, '--json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Ctrl-C once it is writing: the first folder of entries is there.
    while (!existsSync(join(target, 'part-0')) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');
    expect(await code).toBe(130);
    const run = JSON.parse(stdout) as { ok: boolean; error: { kind: string }; extracted: string[] };
    expect(run).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(run.extracted.length).toBeGreaterThan(0);
    expect(run.extracted.length).toBeLessThan(4006);
    const onDisk = readdirSync(target, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(target.length + 1));
    expect(onDisk.sort()).toEqual([...run.extracted].sort());
    for (const name of run.extracted.filter((file) => file.endsWith('.txt'))) expect(readFileSync(join(target, name)).equals(data(Number(/item-(\d+)/.exec(name)![1])))).toBe(true);
  });
});
