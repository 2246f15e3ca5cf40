/**
 * A zip whose entries carry extra fields and name bytes exactly as given, for the name-decoding
 * tests: no archiver on these machines writes an Info-ZIP Unicode Path field (0x7075) over a
 * legacy name (Info-ZIP's zip in a UTF-8 locale stores the UTF-8 bytes unflagged instead), so
 * the field is built here, to APPNOTE 4.6.9.
 */
import { writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** One stored entry: its name bytes, whether the UTF-8 flag (bit 11) is set, and its extra fields. */
export interface RawEntry {
  name: Buffer;
  utf8Flag?: boolean;
  extra?: Buffer[];
  data?: Buffer;
}

/** An extra field of `id` holding `data`. */
export function extraField(id: number, data: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16LE(id, 0);
  header.writeUInt16LE(data.length, 2);
  return Buffer.concat([header, data]);
}

/**
 * An Info-ZIP Unicode Path field: version (1), the CRC-32 of the name it stands for (`storedName`,
 * the header's own bytes unless told otherwise, to make a stale field), then the UTF-8 name.
 */
export function unicodePathField(utf8Name: Buffer | string, storedName: Buffer, version = 1): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(version, 0);
  head.writeUInt32LE(crc32(storedName) >>> 0, 1);
  return extraField(0x7075, Buffer.concat([head, Buffer.isBuffer(utf8Name) ? utf8Name : Buffer.from(utf8Name, 'utf8')]));
}

/** Writes `entries` stored (no compression) to `path`, the same extra fields in both headers. */
export function writeZipWithExtraFields(path: string, entries: RawEntry[]): void {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.from('x');
    const extra = Buffer.concat(entry.extra ?? []);
    const flags = entry.utf8Flag ? 0x800 : 0;
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4); // made by MS-DOS: the name's code page is the only question
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt16LE(extra.length, 30);
    record.writeUInt32LE(offset, 42);
    const written = Buffer.concat([local, entry.name, extra, data]);
    chunks.push(written);
    central.push(record, entry.name, extra);
    offset += written.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...chunks, directory, end]));
}
