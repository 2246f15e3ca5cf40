// Which OS and CPU a native binary (a `.node` addon) was built for, from its header alone:
// ELF (Linux), PE (Windows, starts with `MZ`) and Mach-O (macOS, thin or universal).
import { open } from 'node:fs/promises';

// ELF e_machine values.
const ELF_MACHINES = new Map([
  [0x03, 'ia32'],
  [0x28, 'armv7l'],
  [0x3e, 'x64'],
  [0xb7, 'arm64'],
]);

// PE COFF header Machine values.
const PE_MACHINES = new Map([
  [0x014c, 'ia32'],
  [0x01c4, 'armv7l'],
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
]);

// Mach-O cputype values (CPU_ARCH_ABI64 is 0x01000000).
const MACHO_CPUS = new Map([
  [0x00000007, 'ia32'],
  [0x0000000c, 'armv7l'],
  [0x01000007, 'x64'],
  [0x0100000c, 'arm64'],
]);

const MACHO_MAGICS_BIG_ENDIAN = new Set([0xfeedface, 0xfeedfacf]);
const MACHO_MAGICS_LITTLE_ENDIAN = new Set([0xcefaedfe, 0xcffaedfe]);
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
// Java class files share FAT_MAGIC; their next word (the class version) is 45 or more, while a
// universal binary holds a handful of slices (the same rule `file` uses).
const MAX_FAT_SLICES = 20;

/** The name of an architecture whose number is in no table: shown as is in messages. */
function unknownArch(value) {
  return `unknown(0x${value.toString(16)})`;
}

/** Reads `length` bytes at `position`, fewer at the end of the file. */
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function elfHeader(head) {
  if (head.length < 20) return null;
  const littleEndian = head[5] === 1;
  const machine = littleEndian ? head.readUInt16LE(18) : head.readUInt16BE(18);
  return { format: 'ELF', platform: 'linux', arches: [ELF_MACHINES.get(machine) ?? unknownArch(machine)] };
}

async function peHeader(handle, head) {
  if (head.length < 0x40) return null;
  const peOffset = head.readUInt32LE(0x3c);
  const signature = await readAt(handle, peOffset, 6);
  if (signature.length < 6 || signature.toString('latin1', 0, 4) !== 'PE\0\0') return null;
  const machine = signature.readUInt16LE(4);
  return { format: 'PE', platform: 'win32', arches: [PE_MACHINES.get(machine) ?? unknownArch(machine)] };
}

function machoCpu(cpuType) {
  return MACHO_CPUS.get(cpuType) ?? unknownArch(cpuType);
}

async function fatHeader(handle, head, magic) {
  const slices = head.readUInt32BE(4);
  if (slices === 0 || slices >= MAX_FAT_SLICES) return null;
  // fat_arch is 20 bytes (cputype first), fat_arch_64 is 32.
  const entrySize = magic === FAT_MAGIC_64 ? 32 : 20;
  const table = await readAt(handle, 8, slices * entrySize);
  if (table.length < slices * entrySize) return null;
  const arches = [];
  for (let slice = 0; slice < slices; slice += 1) arches.push(machoCpu(table.readUInt32BE(slice * entrySize)));
  return { format: 'Mach-O', platform: 'darwin', arches };
}

/**
 * The format, platform (`linux`, `win32`, `darwin`) and architectures (`x64`, `arm64`,
 * `ia32`, `armv7l`, or `unknown(0x…)`) of the binary at `path`; null when it is none of ELF, PE
 * or Mach-O.
 */
export async function readNativeHeader(path) {
  const handle = await open(path, 'r');
  try {
    const head = await readAt(handle, 0, 64);
    if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return elfHeader(head);
    if (head.length >= 2 && head.toString('latin1', 0, 2) === 'MZ') return await peHeader(handle, head);
    if (head.length < 8) return null;
    const magic = head.readUInt32BE(0);
    if (MACHO_MAGICS_BIG_ENDIAN.has(magic)) return { format: 'Mach-O', platform: 'darwin', arches: [machoCpu(head.readUInt32BE(4))] };
    if (MACHO_MAGICS_LITTLE_ENDIAN.has(magic)) return { format: 'Mach-O', platform: 'darwin', arches: [machoCpu(head.readUInt32LE(4))] };
    if (magic === FAT_MAGIC || magic === FAT_MAGIC_64) return await fatHeader(handle, head, magic);
    return null;
  } finally {
    await handle.close();
  }
}
