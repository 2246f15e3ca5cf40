/**
 * The first bytes of native binaries, as their formats lay them out: enough for a header
 * reader, nothing that runs.
 */

/** ELF e_machine values. */
export const ELF = { x64: 0x3e, arm64: 0xb7, ia32: 0x03, armv7l: 0x28 } as const;
/** PE COFF Machine values. */
export const PE = { x64: 0x8664, arm64: 0xaa64, ia32: 0x014c } as const;
/** Mach-O cputype values. */
export const MACHO = { x64: 0x01000007, arm64: 0x0100000c } as const;

/** A 64-bit ELF header for `machine`, little-endian unless said otherwise. */
export function elfBinary(machine: number, { bigEndian = false } = {}): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // ELFCLASS64
  header[5] = bigEndian ? 2 : 1; // ELFDATA2MSB / ELFDATA2LSB
  header[6] = 1; // EV_CURRENT
  if (bigEndian) header.writeUInt16BE(machine, 18);
  else header.writeUInt16LE(machine, 18);
  return header;
}

/** A DOS stub pointing at a PE header for `machine`, placed past the first 64 bytes as linkers do. */
export function peBinary(machine: number): Buffer {
  const image = Buffer.alloc(0x100);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x80, 0x3c);
  image.write('PE\0\0', 0x80, 'latin1');
  image.writeUInt16LE(machine, 0x84);
  return image;
}

/** A thin 64-bit Mach-O header for `cpuType`, little-endian (as every Mac CPU writes it) unless said otherwise. */
export function machoBinary(cpuType: number, { bigEndian = false } = {}): Buffer {
  const header = Buffer.alloc(32);
  if (bigEndian) {
    header.writeUInt32BE(0xfeedfacf, 0);
    header.writeUInt32BE(cpuType, 4);
  } else {
    header.writeUInt32LE(0xfeedfacf, 0);
    header.writeUInt32LE(cpuType, 4);
  }
  return header;
}

/** A universal (fat) Mach-O holding one slice per `cpuTypes` entry; the header is big-endian. */
export function universalBinary(cpuTypes: readonly number[]): Buffer {
  const image = Buffer.alloc(8 + 20 * cpuTypes.length + 64);
  image.writeUInt32BE(0xcafebabe, 0);
  image.writeUInt32BE(cpuTypes.length, 4);
  cpuTypes.forEach((cpuType, slice) => image.writeUInt32BE(cpuType, 8 + slice * 20));
  return image;
}

/** A Java class file's start: the same magic as a universal binary, then a class version. */
export function javaClass(): Buffer {
  return Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0, 0, 0, 0]);
}
