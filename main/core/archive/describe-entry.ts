import yauzl from 'yauzl';
import type { ArchiveEntry } from '../../../shared/api/archive';
import { unsafeNameReason } from './entry-name';

/** Unix file type bits of the external attributes (high 16 bits) when made on Unix or macOS. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The decoded name of a yauzl entry opened with `decodeStrings: false`: the UTF-8 flag or the
 * Info-ZIP unicode path field when present (yauzl's rules). Without them the spec says CP437,
 * but Info-ZIP in a non-UTF-8 locale, bsdtar and others store UTF-8 bytes unflagged; bytes
 * that form valid UTF-8 are taken as UTF-8 (CP437 text almost never does), like unzip and 7-Zip.
 */
export function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const flagged = (entry.generalPurposeBitFlag & 0x800) !== 0 || entry.extraFields.some((field) => field.id === 0x7075);
  if (!flagged) {
    try {
      return strictUtf8.decode(raw).replace(/\\/g, '/');
    } catch {
      // not UTF-8: CP437 below
    }
  }
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
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

/** A yauzl entry as the inspector lists it. */
export function describeEntry(entry: yauzl.Entry): ArchiveEntry {
  const name = entryName(entry);
  const modified = entry.getLastModDate();
  return {
    name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    modified: Number.isNaN(modified.getTime()) || (entry.lastModFileDate === 0 && entry.lastModFileTime === 0) ? null : modified.toISOString(),
    directory: isDirectory(name, entry),
    encrypted: entry.isEncrypted(),
    unsafe: unsafeReason(name, entry),
  };
}
