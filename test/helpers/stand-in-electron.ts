import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPackage } from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';

/**
 * A stand-in for the Electron distribution electron-builder copies into an app (`electronDist`),
 * for packaging where the real binary cannot be downloaded. It has what electron-builder reads:
 * an `electron` executable carrying Electron's fuse wire, the `version` file, Electron's
 * LICENSE and a valid `resources/default_app.asar` (electron-builder hashes every asar in
 * resources/ for the integrity fuse). The executable runs nothing: it says what it is and fails.
 */

/** Where @electron/fuses finds the fuse wire in an Electron binary: right after this string. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The wire format @electron/fuses reads and writes: version byte, length byte, one byte a fuse. */
const FUSE_WIRE_VERSION = 1;

/** A fuse's byte on the wire, ASCII '0' and '1' (@electron/fuses keeps its FuseState enum private). */
export const FuseByte = { DISABLE: 0x30, ENABLE: 0x31 } as const;

/**
 * Each fuse as Electron ships it (electron/docs/tutorial/fuses.md), so a packaging test starts
 * where a real download would and sees every configured fuse flipped.
 */
export const ELECTRON_SHIPPED_FUSES: Readonly<Record<FuseV1Options, number>> = {
  [FuseV1Options.RunAsNode]: FuseByte.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseByte.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseByte.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseByte.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseByte.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseByte.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseByte.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseByte.ENABLE,
};

/** Every fuse index @electron/fuses knows, in wire order. */
export const FUSE_INDEXES: readonly FuseV1Options[] = Object.values(FuseV1Options)
  .filter((value): value is FuseV1Options => typeof value === 'number')
  .sort((a, b) => a - b);

/** A stand-in Electron distribution on disk. */
export interface StandInElectron {
  /** The folder to give electron-builder as `electronDist`. */
  dir: string;
  /** The version of the `electron` package installed here, written to the `version` file. */
  version: string;
}

const require = createRequire(import.meta.url);
const electronPackageDir = dirname(require.resolve('electron/package.json'));

/** The version of the `electron` package in node_modules: what the app is built against. */
export async function installedElectronVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(electronPackageDir, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The stand-in `electron` executable: a shell script that fails, then the sentinel and the wire. */
function standInExecutable(): Buffer {
  const script = Buffer.from(
    '#!/bin/sh\n' +
      'echo "This is a stand-in for the Electron binary, made for packaging tests: it carries the fuse wire and runs nothing." >&2\n' +
      'exit 1\n',
  );
  const wire = Buffer.from([FUSE_WIRE_VERSION, FUSE_INDEXES.length, ...FUSE_INDEXES.map((index) => ELECTRON_SHIPPED_FUSES[index])]);
  return Buffer.concat([script, Buffer.from(FUSE_SENTINEL, 'latin1'), wire]);
}

/** Electron's default app, which a real distribution carries and electron-builder leaves in place. */
async function writeDefaultAppAsar(path: string): Promise<void> {
  const source = await mkdtemp(join(tmpdir(), 'export-manager-default-app-'));
  try {
    await writeFile(join(source, 'package.json'), JSON.stringify({ name: 'electron', productName: 'Electron', main: 'main.js' }));
    await writeFile(join(source, 'main.js'), '');
    await createPackage(source, path);
  } finally {
    await rm(source, { recursive: true, force: true });
  }
}

/** Makes a stand-in Electron distribution (Linux layout) in the empty folder `dir`. */
export async function makeStandInElectron(dir: string): Promise<StandInElectron> {
  const version = await installedElectronVersion();
  await mkdir(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  await writeFile(executable, standInExecutable());
  await chmod(executable, 0o755);
  await writeFile(join(dir, 'version'), version);
  await copyFile(join(electronPackageDir, 'LICENSE'), join(dir, 'LICENSE'));
  await writeDefaultAppAsar(join(dir, 'resources', 'default_app.asar'));
  return { dir, version };
}
