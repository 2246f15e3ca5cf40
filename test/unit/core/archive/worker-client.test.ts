import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../../../main/core/archive/worker-client';
import { appErrorThrownBy } from '../../../helpers/app-error-thrown';

describe('resolveWorkerEntry', () => {
  let dir: string;
  /** The URL of a bundle (or source module) that would live in `dir`. */
  const moduleIn = (folder: string) => pathToFileURL(join(folder, 'main.js')).href;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'worker-entry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the built worker beside the bundle, named .mjs so Node loads it as ESM by its name', () => {
    writeFileSync(join(dir, 'archive-worker.mjs'), '');
    expect(resolveWorkerEntry(moduleIn(dir))).toEqual({ source: join(dir, 'archive-worker.mjs'), eval: false });
  });

  it('starts a packaged worker from app.asar.unpacked beside the archive', () => {
    const unpacked = join(dir, 'resources', 'app.asar.unpacked', 'dist-electron');
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(join(unpacked, 'archive-worker.mjs'), '');
    const entry = resolveWorkerEntry(moduleIn(join(dir, 'resources', 'app.asar', 'dist-electron')));
    expect(entry).toEqual({ source: join(unpacked, 'archive-worker.mjs'), eval: false });
  });

  it('falls back to the TypeScript source through tsx in a checkout', () => {
    writeFileSync(join(dir, 'archive-worker.ts'), '');
    const entry = resolveWorkerEntry(moduleIn(dir));
    expect(entry.eval).toBe(true);
    expect(String(entry.source)).toContain(pathToFileURL(join(dir, 'archive-worker.ts')).href);
  });

  it('says the worker is missing, and where, when neither is there (a broken installation)', () => {
    const error = appErrorThrownBy(() => resolveWorkerEntry(moduleIn(dir)));
    expect(error?.kind).toBe('archive');
    expect(error?.message).toContain(join(dir, 'archive-worker.mjs'));
    expect(error?.message).toMatch(/reinstall Export Manager/);
  });
});
