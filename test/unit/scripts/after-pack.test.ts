import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Arch } from 'electron-builder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, nativeAddonProblems, resourcesDirOf } from '../../../scripts/after-pack.mjs';
import { ELF, elfBinary, MACHO, machoBinary, PE, peBinary, universalBinary } from './native-binaries';

const KEYTAR = 'node_modules/keytar/build/Release/keytar.node';

describe('the afterPack check of native addons (scripts/after-pack.mjs)', () => {
  let dir: string;

  /** Writes `bytes` at `path` under `resources/app.asar.unpacked/` of a packed app in `dir`. */
  function unpacked(path: string, bytes: Buffer, resourcesDir = join(dir, 'resources')): void {
    const file = join(resourcesDir, 'app.asar.unpacked', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'after-pack-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('passes natives built for the target with its libsql package, listing what it checked', async () => {
    unpacked(KEYTAR, elfBinary(ELF.x64));
    unpacked('node_modules/@libsql/linux-x64-gnu/index.node', elfBinary(ELF.x64));
    unpacked('node_modules/libsql/index.js', Buffer.from(''));
    expect(await nativeAddonProblems(join(dir, 'resources'), { platform: 'linux', arch: 'x64' })).toEqual({
      checked: ['app.asar.unpacked/node_modules/@libsql/linux-x64-gnu/index.node', `app.asar.unpacked/${KEYTAR}`],
      problems: [],
    });
  });

  it("names each native built for another OS, and the target's missing libsql package", async () => {
    unpacked(KEYTAR, elfBinary(ELF.x64));
    unpacked('node_modules/@libsql/linux-x64-gnu/index.node', elfBinary(ELF.x64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'win32', arch: 'x64' })).problems).toEqual([
      'app.asar.unpacked/node_modules/@libsql/linux-x64-gnu/index.node is built for linux-x64 (ELF)',
      `app.asar.unpacked/${KEYTAR} is built for linux-x64 (ELF)`,
      "node_modules/@libsql/win32-x64-msvc, libsql's binary for win32-x64, is missing",
    ]);
  });

  it('names a native built for the right OS but another CPU', async () => {
    unpacked(KEYTAR, elfBinary(ELF.arm64));
    unpacked('node_modules/@libsql/linux-x64-gnu/index.node', elfBinary(ELF.x64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'linux', arch: 'x64' })).problems).toEqual([`app.asar.unpacked/${KEYTAR} is built for linux-arm64 (ELF)`]);
  });

  it('names a .node file that is no binary at all', async () => {
    unpacked(KEYTAR, Buffer.from('not a binary'));
    unpacked('node_modules/@libsql/win32-x64-msvc/index.node', peBinary(PE.x64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'win32', arch: 'x64' })).problems).toEqual([`app.asar.unpacked/${KEYTAR} is not an ELF, PE or Mach-O binary`]);
  });

  it('refuses a libsql package folder without its binary', async () => {
    unpacked('node_modules/@libsql/linux-x64-gnu/package.json', Buffer.from('{}'));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'linux', arch: 'x64' })).problems).toEqual([
      "node_modules/@libsql/linux-x64-gnu, libsql's binary for linux-x64, is missing",
    ]);
  });

  it('says so for a target libsql has no binary for', async () => {
    unpacked(KEYTAR, elfBinary(ELF.ia32));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'linux', arch: 'ia32' })).problems).toEqual(['libsql has no binary package for linux-ia32']);
  });

  it('checks an app packed without asar (resources/app/) too', async () => {
    const file = join(dir, 'resources', 'app', KEYTAR);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, elfBinary(ELF.x64));
    unpacked('node_modules/@libsql/win32-x64-msvc/index.node', peBinary(PE.x64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'win32', arch: 'x64' })).problems).toEqual([`app/${KEYTAR} is built for linux-x64 (ELF)`]);
  });

  it('accepts a universal macOS app: natives for either Mac CPU and libsql packages for both', async () => {
    unpacked(KEYTAR, universalBinary([MACHO.x64, MACHO.arm64]));
    unpacked('node_modules/@libsql/darwin-arm64/index.node', machoBinary(MACHO.arm64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'darwin', arch: 'universal' })).problems).toEqual([
      "node_modules/@libsql/darwin-x64, libsql's binary for darwin-x64, is missing",
    ]);
    unpacked('node_modules/@libsql/darwin-x64/index.node', machoBinary(MACHO.x64));
    expect((await nativeAddonProblems(join(dir, 'resources'), { platform: 'darwin', arch: 'universal' })).problems).toEqual([]);
  });

  it('finds the resources of a macOS app inside its .app bundle', async () => {
    const resources = join(dir, 'Export Manager.app', 'Contents', 'Resources');
    mkdirSync(resources, { recursive: true });
    expect(await resourcesDirOf(dir, 'darwin')).toBe(resources);
    expect(await resourcesDirOf(dir, 'linux')).toBe(join(dir, 'resources'));
  });

  describe('as the afterPack hook', () => {
    it('refuses with one message naming the hook, the target, this machine, every problem and what to do', async () => {
      unpacked(KEYTAR, elfBinary(ELF.x64));
      const refusal = afterPack({ appOutDir: dir, electronPlatformName: 'win32', arch: Arch.arm64 });
      await expect(refusal).rejects.toThrow(`scripts/after-pack.mjs refused to package for win32-arm64 on ${process.platform}-${process.arch}`);
      await expect(refusal).rejects.toThrow(`  app.asar.unpacked/${KEYTAR} is built for linux-x64 (ELF)\n  libsql has no binary package for win32-arm64\n`);
      await expect(refusal).rejects.toThrow('build the win32-arm64 installer on win32-arm64, after `npm ci` there');
    });

    it('passes a Mac App Store build of arm64 natives inside the .app bundle, and says so in the log', async () => {
      const resources = join(dir, 'Export Manager.app', 'Contents', 'Resources');
      unpacked(KEYTAR, machoBinary(MACHO.arm64), resources);
      unpacked('node_modules/@libsql/darwin-arm64/index.node', machoBinary(MACHO.arm64), resources);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      await afterPack({ appOutDir: dir, electronPlatformName: 'mas', arch: Arch.arm64 });
      expect(log).toHaveBeenCalledWith('  • native addons match the target  target=darwin-arm64 checked=2 hook=scripts/after-pack.mjs');
    });
  });
});
