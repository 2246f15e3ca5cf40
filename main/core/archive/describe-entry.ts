import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { ArchiveEntry } from '../../../shared/api/archive';
import { unsafeNameReason } from './entry-name';
import { nameFlag } from './entry-flags';

/** Unix file type bits of the external attributes (high 16 bits) when made on Unix or macOS. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

// ignoreBOM keeps a leading U+FEFF in the name, where the hidden-character rule sees it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * How an entry's name is stored, which decides how it is read: flagged as UTF-8 (general purpose
 * bit 11), given in an Info-ZIP unicode path field, plain ASCII (the same in every encoding), or
 * unflagged non-ASCII bytes, read as UTF-8 when they are valid UTF-8, else as CP437. A name
 * flagged as UTF-8 whose bytes are not is `utf8-invalid` (shown with U+FFFD where they fail), a
 * unicode path field whose bytes are not `unicode-field-invalid`.
 */
export type NameEncoding = 'utf8' | 'unicode-field' | 'ascii' | 'utf8-unflagged' | 'cp437' | 'utf8-invalid' | 'unicode-field-invalid';

/**
 * The UTF-8 name of the Info-ZIP unicode path field (0x7075, APPNOTE 4.6.9) that applies, or
 * null: version 1 and the CRC of the stored name matching, yauzl's rule (a field whose CRC does
 * not match was left behind by a tool that renamed the entry, and the stored name is the truth).
 */
function unicodePathField(entry: yauzl.Entry, raw: Buffer): Buffer | null {
  const field = entry.extraFields.find((candidate) => candidate.id === 0x7075 && candidate.data.length >= 6 && candidate.data.readUInt8(0) === 1 && candidate.data.readUInt32LE(1) === crc32(raw) >>> 0);
  return field ? field.data.subarray(5) : null;
}

/** The name as yauzl decodes it: the unicode path field, else UTF-8 when flagged (U+FFFD where it fails), else CP437. */
function lowLevelName(entry: yauzl.Entry, raw: Buffer): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictDecode(raw: Buffer): string | null {
  try {
    return strictUtf8.decode(raw);
  } catch {
    return null;
  }
}

/**
 * The decoded name of a yauzl entry opened with `decodeStrings: false`, and how it was stored
 * (NameEncoding): the UTF-8 flag or the Info-ZIP unicode path field when present (yauzl's
 * rules). Without them the spec says CP437, but Info-ZIP in a non-UTF-8 locale, bsdtar and
 * others store UTF-8 bytes unflagged; bytes that form valid UTF-8 are taken as UTF-8 (CP437 text
 * almost never does), like unzip and 7-Zip. Backslashes read as `/`. Decoded once: extraction
 * plans 100,000 entries through here.
 */
export function decodeEntryName(entry: yauzl.Entry): { name: string; encoding: NameEncoding } {
  const raw = entry.fileName as unknown as Buffer;
  // yauzl takes the unicode path field first, whatever the flag says: its writer meant it for
  // readers that know it, the stored name being the fallback in some legacy code page.
  const unicodeName = unicodePathField(entry, raw);
  if (unicodeName) return { name: lowLevelName(entry, raw), encoding: strictDecode(unicodeName) === null ? 'unicode-field-invalid' : 'unicode-field' };
  const flagged = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const utf8 = strictDecode(raw);
  if (utf8 === null) return { name: lowLevelName(entry, raw), encoding: flagged ? 'utf8-invalid' : 'cp437' };
  const encoding: NameEncoding = flagged ? 'utf8' : raw.every((byte) => byte < 0x80) ? 'ascii' : 'utf8-unflagged';
  return { name: utf8.replace(/\\/g, '/'), encoding };
}

/** The decoded name of a yauzl entry opened with `decodeStrings: false` (decodeEntryName). */
export function entryName(entry: yauzl.Entry): string {
  return decodeEntryName(entry).name;
}

/** Whether the entry is a symbolic link (Unix mode in the external attributes). */
export function isSymlink(entry: yauzl.Entry): boolean {
  const host = entry.versionMadeBy >> 8;
  if (host !== 3 && host !== 19) return false; // only Unix and macOS zippers store modes
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/** Whether the entry is a folder: a trailing slash, or a folder mode/attribute. */
export function isDirectory(name: string, entry: yauzl.Entry): boolean {
  if (/[\\/]$/.test(name)) return true;
  const host = entry.versionMadeBy >> 8;
  if ((host === 3 || host === 19) && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFDIR) return true;
  return host === 0 && (entry.externalFileAttributes & 0x10) !== 0 && entry.uncompressedSize === 0;
}

/** The reason extraction refuses an entry, or null when it is safe to write. */
export function unsafeReason(name: string, entry: yauzl.Entry): string | null {
  return unsafeNameReason(name) ?? (isSymlink(entry) ? 'symbolic link (links are never created)' : null);
}

/**
 * A yauzl entry as the inspector lists it. Its flags here are those its central directory
 * record shows (the name's encoding); listArchive adds those that need its data (error-stubs.ts).
 */
export function describeEntry(entry: yauzl.Entry): ArchiveEntry {
  const { name, encoding } = decodeEntryName(entry);
  const flag = nameFlag(encoding);
  const modified = entry.getLastModDate();
  return {
    name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    modified: Number.isNaN(modified.getTime()) || (entry.lastModFileDate === 0 && entry.lastModFileTime === 0) ? null : modified.toISOString(),
    directory: isDirectory(name, entry),
    encrypted: entry.isEncrypted(),
    unsafe: unsafeReason(name, entry),
    flags: flag ? [flag] : [],
  };
}
