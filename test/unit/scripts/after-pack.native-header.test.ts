import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readNativeHeader } from '../../../scripts/after-pack.native-header.mjs';
import { ELF, elfBinary, javaClass, MACHO, machoBinary, PE, peBinary, universalBinary } from './native-binaries';

describe('readNativeHeader (scripts/after-pack.native-header.mjs)', () => {
  let dir: string;
  let count = 0;

  /** Writes `bytes` to a new file and reads its header. */
  async function headerOf(bytes: Buffer) {
    const path = join(dir, `binary-${(count += 1)}.node`);
    writeFileSync(path, bytes);
    return readNativeHeader(path);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'native-header-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads Linux binaries (ELF) for x64, arm64, ia32 and armv7l', async () => {
    expect(await headerOf(elfBinary(ELF.x64))).toEqual({ format: 'ELF', platform: 'linux', arches: ['x64'] });
    expect(await headerOf(elfBinary(ELF.arm64))).toEqual({ format: 'ELF', platform: 'linux', arches: ['arm64'] });
    expect(await headerOf(elfBinary(ELF.ia32))).toEqual({ format: 'ELF', platform: 'linux', arches: ['ia32'] });
    expect(await headerOf(elfBinary(ELF.armv7l))).toEqual({ format: 'ELF', platform: 'linux', arches: ['armv7l'] });
  });

  it("reads an ELF header's machine in the byte order the header declares", async () => {
    expect(await headerOf(elfBinary(ELF.arm64, { bigEndian: true }))).toEqual({ format: 'ELF', platform: 'linux', arches: ['arm64'] });
  });

  it('reads Windows binaries (PE, found through the MZ stub) for x64, arm64 and ia32', async () => {
    expect(await headerOf(peBinary(PE.x64))).toEqual({ format: 'PE', platform: 'win32', arches: ['x64'] });
    expect(await headerOf(peBinary(PE.arm64))).toEqual({ format: 'PE', platform: 'win32', arches: ['arm64'] });
    expect(await headerOf(peBinary(PE.ia32))).toEqual({ format: 'PE', platform: 'win32', arches: ['ia32'] });
  });

  it('reads macOS binaries (Mach-O) for x64 and arm64, in either byte order', async () => {
    expect(await headerOf(machoBinary(MACHO.x64))).toEqual({ format: 'Mach-O', platform: 'darwin', arches: ['x64'] });
    expect(await headerOf(machoBinary(MACHO.arm64))).toEqual({ format: 'Mach-O', platform: 'darwin', arches: ['arm64'] });
    expect(await headerOf(machoBinary(MACHO.arm64, { bigEndian: true }))).toEqual({ format: 'Mach-O', platform: 'darwin', arches: ['arm64'] });
  });

  it('lists every slice of a universal macOS binary', async () => {
    expect(await headerOf(universalBinary([MACHO.x64, MACHO.arm64]))).toEqual({ format: 'Mach-O', platform: 'darwin', arches: ['x64', 'arm64'] });
  });

  it('names a machine it has no name for by its number', async () => {
    expect(await headerOf(elfBinary(0xf3))).toEqual({ format: 'ELF', platform: 'linux', arches: ['unknown(0xf3)'] });
  });

  it('knows no format in text, a Java class, an MZ stub without a PE header, or a file too short for a header', async () => {
    expect(await headerOf(Buffer.from('module.exports = {};\n'))).toBeNull();
    expect(await headerOf(javaClass())).toBeNull();
    expect(await headerOf(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x80)]))).toBeNull();
    expect(await headerOf(Buffer.from([0x7f, 0x45]))).toBeNull();
    expect(await headerOf(Buffer.alloc(0))).toBeNull();
  });
});
