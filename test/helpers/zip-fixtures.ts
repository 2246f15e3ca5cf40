/**
 * Zip archives for tests and benchmarks, made at run time: by code (for what real archivers
 * refuse to write: traversal names, lying sizes, 65,536+ entries) and by the real archivers
 * `zip`, `7z` and `bsdtar`. Nothing binary is ever committed.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry the code writer puts in an archive. */
export interface FixtureEntry {
  /** The name exactly as stored (a Buffer writes raw bytes, e.g. a NUL). */
  name: string | Buffer;
  data?: Buffer;
  /** Deflate the data (default: store it). */
  deflate?: boolean;
  /** Declare this uncompressed size instead of the true one (a lying zip bomb). */
  declaredSize?: number;
  /** Declare this compressed size in the central directory instead of the true one (data that runs on past its bytes). */
  declaredCompressedSize?: number;
  /** Unix mode written in the external attributes (0o120777 marks a symlink). */
  mode?: number;
  /** Set the "encrypted" flag bit without encrypting (the flag is all readers look at). */
  encryptedFlag?: boolean;
}

const DOS_DATE = ((2024 - 1980) << 9) | (5 << 5) | 17; // 2024-05-17
const DOS_TIME = (12 << 11) | (30 << 5); // 12:30:00

/**
 * Writes a zip of `entries` to `path` by code, streaming to disk; zip64 end records when over
 * 65,535 entries, unless `noZip64`: then the end record's 16-bit count wraps, as a writer
 * without zip64 support leaves it.
 */
export function writeZip(
  path: string,
  entries: Iterable<FixtureEntry>,
  options: { comment?: string; prefix?: Buffer; noZip64?: boolean } = {},
): void {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const write = (buffer: Buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  try {
    if (options.prefix) write(options.prefix);
    const zipStart = options.prefix ? options.prefix.length : 0;
    let count = 0;
    for (const entry of entries) {
      const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
      const data = entry.data ?? Buffer.alloc(0);
      const body = entry.deflate ? deflateRawSync(data) : data;
      const crc = crc32(data);
      const size = entry.declaredSize ?? data.length;
      const flags = (typeof entry.name === 'string' ? 0x800 : 0) | (entry.encryptedFlag ? 1 : 0);
      const method = entry.deflate ? 8 : 0;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt16LE(DOS_TIME, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const localOffset = offset - zipStart;
      write(Buffer.concat([local, name]));
      write(body);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(flags, 8);
      header.writeUInt16LE(method, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(entry.declaredCompressedSize ?? body.length, 20);
      header.writeUInt32LE(size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
      header.writeUInt32LE(localOffset, 42);
      central.push(header, name);
      count++;
    }
    const directory = Buffer.concat(central);
    const directoryOffset = offset - zipStart;
    write(directory);
    if (count > 0xfffe && !options.noZip64) {
      // Zip64 end of central directory record and locator: the 16-bit count cannot hold it.
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const recordOffset = offset - zipStart;
      write(record);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(recordOffset), 8);
      locator.writeUInt32LE(1, 16);
      write(locator);
    }
    const comment = Buffer.from(options.comment ?? '', 'utf8');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    const endCount = options.noZip64 ? count & 0xffff : Math.min(count, 0xffff);
    end.writeUInt16LE(endCount, 8);
    end.writeUInt16LE(endCount, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    end.writeUInt16LE(comment.length, 20);
    write(Buffer.concat([end, comment]));
  } finally {
    closeSync(fd);
  }
}

/**
 * The fully overlapping zip bomb of David Fifield's "A better zip bomb": one local file header
 * and one deflate stream of `kernelBytes` zeros, and `entries` central directory records (named
 * `0.bin`, `1.bin`…) that all point at it, so every entry inflates the same few bytes. Nothing
 * in any one entry looks wrong: only the entries' data ranges, which all coincide, give it away.
 */
export function writeSharedStreamBomb(path: string, entries: number, kernelBytes: number): void {
  const kernel = Buffer.alloc(kernelBytes);
  const body = deflateRawSync(kernel, { level: 9 });
  const crc = crc32(kernel);
  const localName = Buffer.from('kernel.bin');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(kernel.length, 22);
  local.writeUInt16LE(localName.length, 26);
  const central: Buffer[] = [];
  for (let i = 0; i < entries; i++) {
    const name = Buffer.from(`${i}.bin`);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | 20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(kernel.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    header.writeUInt32LE(0, 42); // every entry's local header is the one at the start
    central.push(header, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(30 + localName.length + body.length, 16);
  writeFileSync(path, Buffer.concat([local, localName, body, directory, end]));
}

/**
 * A zip over 4 GiB made the way a writer without zip64 support makes one, as a sparse file (a
 * few KiB on disk where the file system supports holes): `big.bin`, a stored entry of 4 GiB +
 * 1,000 bytes (zeros, a hole) whose 32-bit sizes wrapped to 1,000, then `after.png` and the
 * central directory, whose 32-bit offsets wrapped past 4 GiB; no zip64 record anywhere. The
 * CRCs are not those of the data (nothing here reads it back).
 */
export function writeZipPast4GiB(path: string): void {
  const bigSize = 2 ** 32 + 1000;
  const fd = openSync(path, 'w');
  try {
    const central: Buffer[] = [];
    const entry = (name: string, offset: number, size: number): Buffer => {
      const nameBytes = Buffer.from(name);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x800, 6);
      local.writeUInt32LE(size % 2 ** 32, 18);
      local.writeUInt32LE(size % 2 ** 32, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x800, 8);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(size % 2 ** 32, 20);
      header.writeUInt32LE(size % 2 ** 32, 24);
      header.writeUInt16LE(nameBytes.length, 28);
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      header.writeUInt32LE(offset % 2 ** 32, 42);
      central.push(header, nameBytes);
      return Buffer.concat([local, nameBytes]);
    };
    const bigLocal = entry('big.bin', 0, bigSize);
    writeSync(fd, bigLocal, 0, bigLocal.length, 0);
    const afterAt = bigLocal.length + bigSize;
    const afterData = Buffer.from('not really a png');
    const afterLocal = Buffer.concat([entry('after.png', afterAt, afterData.length), afterData]);
    writeSync(fd, afterLocal, 0, afterLocal.length, afterAt);
    const directoryAt = afterAt + afterLocal.length;
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryAt % 2 ** 32, 16);
    const tail = Buffer.concat([directory, end]);
    writeSync(fd, tail, 0, tail.length, directoryAt);
    ftruncateSync(fd, directoryAt + tail.length);
  } finally {
    closeSync(fd);
  }
}

/** Runs a real archiver in `cwd` (throws with its output when it fails); `input` goes to its stdin. */
export function runArchiver(command: 'zip' | '7z' | 'bsdtar', args: string[], cwd: string, input?: string): void {
  execFileSync(command, args, { cwd, stdio: 'pipe', input });
}

/** A fresh temporary folder for one test file's archives, with its cleanup. */
export function fixtureDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'export-manager-zip-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
