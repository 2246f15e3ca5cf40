import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedWorkerPath } from '../../../../main/core/archive/worker-path';

describe('unpackedWorkerPath', () => {
  it('points a worker inside app.asar at its unpacked copy (packaged app layouts)', () => {
    const linux = join('/opt', 'Export Manager', 'resources', 'app.asar', 'dist-electron', 'archive-worker.mjs');
    expect(unpackedWorkerPath(linux)).toBe(join('/opt', 'Export Manager', 'resources', 'app.asar.unpacked', 'dist-electron', 'archive-worker.mjs'));
    const mac = join('/Applications', 'Export Manager.app', 'Contents', 'Resources', 'app.asar', 'dist-electron', 'archive-worker.mjs');
    expect(unpackedWorkerPath(mac)).toBe(join('/Applications', 'Export Manager.app', 'Contents', 'Resources', 'app.asar.unpacked', 'dist-electron', 'archive-worker.mjs'));
  });

  it('leaves a checkout or an installed command line alone', () => {
    const checkout = join('/home', 'dev', 'export-manager', 'dist-electron', 'archive-worker.mjs');
    expect(unpackedWorkerPath(checkout)).toBe(checkout);
    const lookalike = join('/home', 'dev', 'my-app.asar-notes', 'dist-electron', 'archive-worker.mjs');
    expect(unpackedWorkerPath(lookalike)).toBe(lookalike);
  });
});
