import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

/**
 * The fuses electron-builder.yml flips, read back from a packaged app's binary. Packaging
 * needs the Electron binary (downloaded from the internet), so this runs where `npm run dist`
 * has left an app in release/, and says so where it has not.
 */
// A fuse is one byte of the wire: '0' off, '1' on (the package keeps its FuseState enum private).
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) } as const;

const root = join(import.meta.dirname, '..', '..');
const candidates = [
  join(root, 'release', 'linux-unpacked', 'export-manager'),
  join(root, 'release', 'linux-arm64-unpacked', 'export-manager'),
  join(root, 'release', 'win-unpacked', 'Export Manager.exe'),
  join(root, 'release', 'mac', 'Export Manager.app', 'Contents', 'MacOS', 'Export Manager'),
  join(root, 'release', 'mac-arm64', 'Export Manager.app', 'Contents', 'MacOS', 'Export Manager'),
];
const packaged = candidates.find((path) => existsSync(path)) ?? null;

describe('fuses of the packaged app', () => {
  // Skipped where no packaged app exists in release/ (`npm run dist` needs the Electron binary).
  it.skipIf(packaged === null)('switch off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges, and load only the checked asar (needs `npm run dist` first)', async () => {
    const wire = await getCurrentFuseWire(packaged!);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      onlyAsar: FuseState.ENABLE,
      asarIntegrity: FuseState.ENABLE,
      fileProtocolPrivileges: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
    });
  });
});
