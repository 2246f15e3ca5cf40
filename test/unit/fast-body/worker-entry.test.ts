import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fastBodyWorkerEntry, unpackedPath } from '../../../main/core/http/fast-body/worker-entry';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const moduleIn = (folder: string, file = 'main.js') => pathToFileURL(join(folder, file)).href;

describe('where the fast body worker starts from', () => {
  it('the built worker beside the bundle (main.js, cli.js)', () => {
    dir = mkdtempSync(join(tmpdir(), 'fast-entry-'));
    writeFileSync(join(dir, 'fast-body-worker.mjs'), '');
    expect(fastBodyWorkerEntry(moduleIn(dir))).toEqual({ source: join(dir, 'fast-body-worker.mjs'), eval: false });
  });

  it('the built worker one folder up from a command line chunk (cli-chunks/)', () => {
    dir = mkdtempSync(join(tmpdir(), 'fast-entry-'));
    mkdirSync(join(dir, 'cli-chunks'));
    writeFileSync(join(dir, 'fast-body-worker.mjs'), '');
    expect(fastBodyWorkerEntry(moduleIn(join(dir, 'cli-chunks'), 'download-x.js'))).toEqual({ source: join(dir, 'fast-body-worker.mjs'), eval: false });
  });

  it('none when neither the bundle nor the source is there (the got path serves)', () => {
    dir = mkdtempSync(join(tmpdir(), 'fast-entry-'));
    expect(fastBodyWorkerEntry(moduleIn(dir))).toBeNull();
  });

  it('the source through a tsx bootstrap in a checkout', () => {
    dir = mkdtempSync(join(tmpdir(), 'fast-entry-'));
    writeFileSync(join(dir, 'fast-body-worker.ts'), '');
    const entry = fastBodyWorkerEntry(moduleIn(dir, 'worker-entry.ts'));
    expect(entry?.eval).toBe(true);
    expect(entry?.source).toContain(pathToFileURL(join(dir, 'fast-body-worker.ts')).href);
  });

  it('the unpacked copy of a packaged app\'s asar', () => {
    const packed = join(sep, 'opt', 'Export Manager', 'resources', 'app.asar', 'dist-electron', 'fast-body-worker.mjs');
    expect(unpackedPath(packed)).toBe(join(sep, 'opt', 'Export Manager', 'resources', 'app.asar.unpacked', 'dist-electron', 'fast-body-worker.mjs'));
    dir = mkdtempSync(join(tmpdir(), 'fast-entry-'));
  });
});
