import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack } from '../../../scripts/after-pack.mjs';
import { readNativeHeader } from '../../../scripts/after-pack.native-header.mjs';
import { linuxUnpackedDir, packagingRun, removePackagedApp, runElectronBuilder, STALE_LEFTOVER } from '../../helpers/packaged-app';
import type { PackagedApp, PackagingRun } from '../../helpers/packaged-app';
import { ELECTRON_SHIPPED_FUSES, FUSE_INDEXES } from '../../helpers/stand-in-electron';
import { configuredFuseBytes, fuseBytesIn, loadConfig } from './electron-builder-config';
import { makeStandInFpm } from './stand-in-fpm';
import type { FpmCall } from './stand-in-fpm';

/**
 * The app packed the way `npm run dist` packs it on Linux — electron-builder.yml, the afterPack
 * hook, `--linux dir` and a deb — over a stand-in Electron, since the real binary cannot be
 * downloaded here (test/helpers/packaged-app.ts, stand-in-electron.ts).
 *
 * What this proves is the wiring: electron-builder accepts the config and packs the files it
 * lists (and nothing a stale build left), unpacks the worker and this platform's natives where
 * main loads them, runs the hook (which refuses natives of another platform), flips every
 * configured fuse in the packed executable, and hands fpm a deb with a maintainer, Electron's
 * depends and one .desktop entry. What it does not prove: that the real Electron binary starts
 * this app — the executable packed here is the stand-in; the electron Playwright project and
 * `npm run dist` on a machine with Electron cover that.
 */

const PACKING_TIMEOUT_MS = 180_000;
/** The CPU this machine's natives are not built for: packing for it must be refused. */
const OTHER_ARCH = process.arch === 'arm64' ? 'x64' : 'arm64';
/** The four bundles the build makes in dist-electron/, and the command line's chunks. */
const BUNDLES = ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-electron/archive-worker.mjs', 'dist-electron/fast-body-worker.mjs', 'dist-electron/cli.js'];

let packaging: PackagingRun;
let app: PackagedApp;
let packedFiles: string[];
const scratchDirs: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'export-manager-packaging-test-'));
  scratchDirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative to it, with forward slashes. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function isUnpacked(asarPath: string, file: string): boolean {
  const entry = statFile(asarPath, file) as { unpacked?: boolean };
  return entry.unpacked === true;
}

// The stand-in is Linux's Electron layout, and the natives packed are this machine's: elsewhere
// there is nothing real to pack it with.
describe.skipIf(process.platform !== 'linux')('packaging over a stand-in Electron (Linux only)', () => {
  beforeAll(async () => {
    const started = Date.now();
    packaging = await packagingRun();
    app = packaging.app;
    console.log(`electron-builder --linux dir over the stand-in Electron: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    packedFiles = listPackage(app.asarPath, { isPack: false }).map((path) => path.replace(/^[\\/]/, '').split('\\').join('/'));
  }, PACKING_TIMEOUT_MS);

  afterAll(async () => {
    for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
    await removePackagedApp();
  });

  describe('the app packed with electron-builder.yml (--linux dir over a stand-in Electron)', () => {
    it('carries main, the preload, the archive worker, the command line, package.json and every file of the built renderer in app.asar', async () => {
      const renderer = (await filesUnder(join(packaging.projectDir, 'dist', 'renderer'))).filter((file) => !file.endsWith('.map'));
      expect(renderer).toContain('index.html');
      expect(renderer.some((file) => file.startsWith('assets/'))).toBe(true);
      expect(packedFiles).toEqual(expect.arrayContaining([...BUNDLES, 'package.json', ...renderer.map((file) => `dist/renderer/${file}`)]));
    });

    it('packs of dist-electron/ only the bundles the build makes: a leftover of an earlier build stays out', async () => {
      expect(existsSync(join(packaging.projectDir, STALE_LEFTOVER))).toBe(true);
      const chunks = (await readdir(join(packaging.projectDir, 'dist-electron', 'cli-chunks'))).filter((file) => !file.endsWith('.map'));
      const packedBundles = packedFiles.filter((file) => file.startsWith('dist-electron/') && file.includes('.'));
      expect(packedBundles.sort()).toEqual([...BUNDLES, ...chunks.map((chunk) => `dist-electron/cli-chunks/${chunk}`)].sort());
      expect(packedFiles).not.toContain(STALE_LEFTOVER);
    });

    it('packs no source maps, in app.asar or beside it', async () => {
      expect(packedFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
      expect((await filesUnder(app.unpackedDir)).filter((file) => file.endsWith('.map'))).toEqual([]);
    });

    it('unpacks the workers beside app.asar, where a worker thread can start them', () => {
      for (const worker of ['archive-worker.mjs', 'fast-body-worker.mjs']) {
        expect(isUnpacked(app.asarPath, `dist-electron/${worker}`)).toBe(true);
        expect(existsSync(join(app.unpackedDir, 'dist-electron', worker))).toBe(true);
      }
    });

    it("unpacks keytar's and libsql's natives, built for this platform, where main requires them", async () => {
      const natives = ['node_modules/keytar/build/Release/keytar.node', `node_modules/@libsql/linux-${process.arch}-gnu/index.node`];
      for (const native of natives) {
        expect(isUnpacked(app.asarPath, native), native).toBe(true);
        expect(await readNativeHeader(join(app.unpackedDir, native)), native).toEqual({ format: 'ELF', platform: 'linux', arches: [process.arch] });
      }
    });

    it('packs package.json with main and the desktop name Electron gives its windows', () => {
      const manifest = JSON.parse(extractFile(app.asarPath, 'package.json').toString('utf8')) as { main: string; desktopName: string };
      expect(manifest).toMatchObject({ main: 'dist-electron/main.js', desktopName: 'export-manager.desktop' });
      expect(packedFiles).toContain(manifest.main);
    });

    it('runs the afterPack hook, which passes the natives of this platform', () => {
      expect(packaging.log).toMatch(new RegExp(`native addons match the target +target=linux-${process.arch} checked=\\d+ hook=scripts/after-pack\\.mjs`));
    });

    it('has every fuse electron-builder.yml sets flipped in the packed executable, and the others as Electron ships them', async () => {
      const config = await loadConfig();
      const configured = configuredFuseBytes(config.electronFuses ?? {});
      const names = Object.keys(configured);
      expect(names.length).toBeGreaterThan(0);
      // The stand-in starts as Electron ships: these fuses can only match below if they were flipped.
      const shipped = fuseBytesIn(ELECTRON_SHIPPED_FUSES, names);
      expect(names.filter((name) => shipped[name] !== configured[name]).length).toBeGreaterThan(0);

      const wire = await getCurrentFuseWire(app.executable);
      expect(fuseBytesIn(wire, names)).toEqual(configured);
      const untouched = FUSE_INDEXES.filter((index) => !names.includes(FuseV1Options[index]));
      for (const index of untouched) expect(wire[index], `fuse ${index}`).toBe(ELECTRON_SHIPPED_FUSES[index]);
    });
  });

  describe('the afterPack hook (scripts/after-pack.mjs) in the real packing', () => {
    it(`makes electron-builder refuse to pack this machine's natives for linux-${OTHER_ARCH}, naming the files`, { timeout: PACKING_TIMEOUT_MS }, async () => {
      const outDir = await scratchDir();
      const { exitCode, log } = await runElectronBuilder(packaging, outDir, ['--linux', 'dir', `--${OTHER_ARCH}`]);
      expect(exitCode).not.toBe(0);
      expect(log).toContain(`scripts/after-pack.mjs refused to package for linux-${OTHER_ARCH}`);
      expect(log).toContain(`app.asar.unpacked/node_modules/keytar/build/Release/keytar.node is built for linux-${process.arch} (ELF)`);
      expect(log).toContain(`node_modules/@libsql/linux-${OTHER_ARCH}-gnu, libsql's binary for linux-${OTHER_ARCH}, is missing`);
      // Refused before the fuses are flipped and the app is signed or wrapped.
      expect(log).not.toContain('executing @electron/fuses');
      expect(existsSync(linuxUnpackedDir(outDir, OTHER_ARCH))).toBe(true);
    });

    it('refuses a Windows x64 installer of this layout: Linux natives and no win32 libsql package', async () => {
      await expect(afterPack({ appOutDir: app.appOutDir, electronPlatformName: 'win32', arch: Arch.x64 })).rejects.toThrow(
        new RegExp(
          [
            'scripts/after-pack\\.mjs refused to package for win32-x64',
            `keytar\\.node is built for linux-${process.arch} \\(ELF\\)`,
            "node_modules/@libsql/win32-x64-msvc, libsql's binary for win32-x64, is missing",
          ].join('[\\s\\S]*'),
        ),
      );
    });
  });

  describe('the deb (--linux deb over the packed layout, with a stand-in fpm)', () => {
    let call: FpmCall;

    beforeAll(async () => {
      const scratch = await scratchDir();
      // A copy: the deb target adds its AppArmor profile to the layout it packages.
      const prepackaged = join(scratch, 'linux-unpacked');
      await cp(app.appOutDir, prepackaged, { recursive: true, verbatimSymlinks: true });
      const fpm = await makeStandInFpm(scratch);
      const { exitCode, log } = await runElectronBuilder(packaging, join(scratch, 'out'), ['--linux', 'deb', `--${process.arch}`, '--prepackaged', prepackaged], {
        CUSTOM_FPM_PATH: fpm.path,
      });
      if (exitCode !== 0) throw new Error(`electron-builder --linux deb failed (exit ${exitCode}):\n${log.slice(-4000)}`);
      const calls = await fpm.calls();
      expect(calls).toHaveLength(1);
      call = calls[0]!;
    }, PACKING_TIMEOUT_MS);

    function argument(name: string): string | undefined {
      const at = call.args.indexOf(name);
      return at === -1 ? undefined : call.args[at + 1];
    }

    it('passes electron-builder checks: a maintainer with an email, and the homepage', () => {
      expect(argument('--maintainer')).toBe('Export Manager contributors <maintainers@export-manager.app>');
      expect(argument('--url')).toBe('https://export-manager.app');
    });

    it("depends on electron-builder's default list for Electron, which has libsecret for the keychain", () => {
      const depends = call.args.flatMap((arg, at) => (call.args[at - 1] === '-d' ? [arg] : []));
      expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libsecret-1-0']));
    });

    it('installs export-manager.desktop (the desktop name), opening zip files and export-manager: links, each named once', () => {
      const desktop = call.installedText['/usr/share/applications/export-manager.desktop'];
      expect(desktop).toBeDefined();
      const entry = Object.fromEntries((desktop ?? '').split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      expect(entry).toMatchObject({
        Name: 'Export Manager',
        Exec: '"/opt/Export Manager/export-manager" %U',
        StartupWMClass: 'export-manager',
        MimeType: 'application/zip;x-scheme-handler/export-manager;',
      });
    });

    it('installs no definition of application/zip, a type the system already has', () => {
      expect(call.args.filter((arg) => arg.includes('=/usr/share/mime/'))).toEqual([]);
    });
  });
});
