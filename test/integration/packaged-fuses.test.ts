import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { configuredFuseBytes, fuseBytesIn, loadConfig } from './packaging/electron-builder-config';

/**
 * The fuses electron-builder.yml flips, read back from the real Electron binary of an app that
 * `npm run dist` left in release/ (it needs the binary, downloaded from the internet). Where
 * there is none, this skips and says so; test/integration/packaging/packaging.test.ts reads the
 * same fuses back from a stand-in binary packed on every run, and packaging/config.test.ts
 * holds the values the app's security needs.
 */

const root = join(import.meta.dirname, '..', '..');
const candidates = [
  join(root, 'release', 'linux-unpacked', 'export-manager'),
  join(root, 'release', 'linux-arm64-unpacked', 'export-manager'),
  join(root, 'release', 'win-unpacked', 'Export Manager.exe'),
  join(root, 'release', 'mac', 'Export Manager.app', 'Contents', 'MacOS', 'Export Manager'),
  join(root, 'release', 'mac-arm64', 'Export Manager.app', 'Contents', 'MacOS', 'Export Manager'),
];
const packaged = candidates.find((path) => existsSync(path)) ?? null;

describe('fuses of the app in release/', () => {
  // Skipped where no packaged app exists in release/ (`npm run dist` needs the Electron binary).
  it.skipIf(packaged === null)('are as electron-builder.yml sets them (needs `npm run dist` first)', async () => {
    const configured = configuredFuseBytes((await loadConfig()).electronFuses ?? {});
    expect(Object.keys(configured).length).toBeGreaterThan(0);
    const wire = await getCurrentFuseWire(packaged!);
    expect(fuseBytesIn(wire, Object.keys(configured))).toEqual(configured);
  });
});
