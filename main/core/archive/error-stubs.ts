import { constants, inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';
import type { EntryFlag } from '../../../shared/api/archive';
import { emptyFlag, errorStubFlag } from './entry-flags';
import type { BufferedFileReader } from './file-reader';
import { expectedContent } from './magic-bytes';
import type { Expected } from './magic-bytes';

/**
 * Only entries up to this size (declared) have their first bytes read. An error page saved in
 * an export's place is small: a few hundred bytes from nginx, S3 or a JSON API (the "400-byte
 * stub" of half-broken batch zips), a few KiB from a CDN, tens of KiB at most from a framework's
 * error or sign-in page; the images and documents of a batch are mostly larger. Checking every
 * entry would mean one read per entry anywhere in the file, 100,000 seeks on a cold disk for a
 * big batch, in a listing that otherwise reads only the central directory. Below the cap
 * entries lie close together and their heads come a window at a time; deflated ones that did
 * not shrink are skipped unread (stubCandidate). Measured on a busy 2-core VM, file cached, in
 * a listing of 100,000 entries that takes about 0.7 s: 0.3 s more when all are stored 2 KiB
 * PNGs, 0.8 s more at 30 KiB each, nothing to speak of for deflated real images; a batch of a
 * few thousand exports pays a few tens of milliseconds. A real image below the cap is never
 * flagged: its magic bytes match.
 */
export const STUB_MAX_BYTES = 64 * 1024;

/** How much of an entry's data is judged: a PDF's header may sit anywhere in its first 1024 bytes. */
const HEAD_BYTES = 1024;
/** How much deflated data is inflated for that head: text packs two to four times, so this is plenty. */
const HEAD_COMPRESSED_BYTES = 2 * HEAD_BYTES;
/** What one read around a head takes: its local header and the head itself. */
const HEAD_WINDOW_BYTES = 4 * 1024;
/** How far one read reaches to take the heads of the next candidates too, when they lie that close. */
const SPAN_WINDOW_BYTES = 64 * 1024;
const LOCAL_HEADER = 0x04034b50;
/** Below this, deflate's own headers weigh too much for the ratio to tell text from packed data. */
const INCOMPRESSIBLE_FROM = 512;

/** An entry whose head is to be read, from its central directory record. */
export interface StubCandidate {
  index: number;
  expected: Expected;
  size: number;
  offset: number;
  compressedSize: number;
  method: number;
}

/** Whether a listed entry's data is worth reading for the check: a file of a known type, small, readable by us. */
export function stubCandidate(index: number, name: string, directory: boolean, entry: yauzl.Entry): StubCandidate | null {
  if (directory || entry.isEncrypted() || entry.uncompressedSize > STUB_MAX_BYTES) return null;
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return null;
  const expected = expectedContent(name);
  if (!expected) return null;
  // Text shrinks when deflated (ASCII to 85% at worst, HTML and JSON to half or less), while the
  // data of images, video and most PDFs is packed already and barely does: a deflated entry of
  // some size that kept 90% of it holds no error page, and is neither read nor inflated.
  if (entry.compressionMethod === 8 && entry.uncompressedSize >= INCOMPRESSIBLE_FROM && entry.compressedSize > 0.9 * entry.uncompressedSize) return null;
  return { index, expected, size: entry.uncompressedSize, offset: entry.relativeOffsetOfLocalHeader, compressedSize: entry.compressedSize, method: entry.compressionMethod };
}

/** The raw (stored or deflated) first bytes of a candidate's data, or null when they cannot be read (a damaged entry: Verify says what is wrong). */
function readRawHead(reader: BufferedFileReader, candidate: StubCandidate, directoryOffset: number, windowBytes: number): Buffer | null {
  const header = reader.readNow(candidate.offset, 30, windowBytes);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) return null;
  const start = candidate.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const want = Math.min(candidate.compressedSize, candidate.method === 0 ? HEAD_BYTES : HEAD_COMPRESSED_BYTES);
  if (start + want > directoryOffset) return null;
  const raw = reader.readNow(start, want, HEAD_WINDOW_BYTES);
  return raw.length < want ? null : raw;
}

/** What the start of a deflate stream inflates to, at most HEAD_BYTES: a sync flush takes what a cut stream holds, the bound stops one that inflates like a bomb. */
function inflateHead(raw: Buffer): Buffer {
  // Output in head-sized chunks: zlib's default 16 KiB buffer per call is most of the garbage of 100,000 calls.
  return inflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: HEAD_BYTES, maxOutputLength: STUB_MAX_BYTES * 4 }).subarray(0, HEAD_BYTES);
}

/** How many deflated bytes show a binary type's magic: the first few inflated bytes. */
const QUICK_COMPRESSED_BYTES = 128;

/** The error-stub flag of a candidate, from its raw head. */
function stubFlagOf(candidate: StubCandidate, raw: Buffer): EntryFlag | null {
  if (candidate.method === 0) return errorStubFlag(candidate.expected, candidate.size, raw);
  // Most entries are what they say: a few inflated bytes show their magic (inflating costs more
  // than reading, about 10 µs an entry), and only a head that does not match is inflated in full.
  if (candidate.expected.binary && raw.length > QUICK_COMPRESSED_BYTES) {
    const quick = inflateHead(raw.subarray(0, QUICK_COMPRESSED_BYTES));
    if (quick.length >= 16 && candidate.expected.contradiction(quick) === null) return null;
  }
  return errorStubFlag(candidate.expected, candidate.size, inflateHead(raw));
}

/**
 * The flags of the candidates' data (stubCandidate), by entry index: an error page saved in an
 * export's place, or an empty file of a type that cannot be empty. Heads are read in file order,
 * so neighbours share a window; an entry whose head cannot be read is left unflagged.
 */
export function dataFlags(reader: BufferedFileReader, candidates: StubCandidate[], directoryOffset: number): Map<number, EntryFlag> {
  const flags = new Map<number, EntryFlag>();
  const sorted = [...candidates].sort((a, b) => a.offset - b.offset);
  let reach = 0;
  sorted.forEach((candidate, i) => {
    let flag: EntryFlag | null = null;
    // A read that misses the window takes the heads of the candidates close behind as well: one
    // read for a run of small entries, a small one for an entry far from the next.
    let windowBytes = HEAD_WINDOW_BYTES;
    if (candidate.offset + HEAD_WINDOW_BYTES > reach) {
      let last = i;
      while (last + 1 < sorted.length && sorted[last + 1]!.offset + HEAD_WINDOW_BYTES - candidate.offset <= SPAN_WINDOW_BYTES) last += 1;
      windowBytes = sorted[last]!.offset + HEAD_WINDOW_BYTES - candidate.offset;
      reach = candidate.offset + windowBytes;
    }
    if (candidate.size === 0) flag = emptyFlag(candidate.expected);
    else {
      try {
        const raw = readRawHead(reader, candidate, directoryOffset, windowBytes);
        if (raw && raw.length > 0) flag = stubFlagOf(candidate, raw);
      } catch {
        // corrupt deflate data or a read error: not this check's to report
      }
    }
    if (flag) flags.set(candidate.index, flag);
  });
  return flags;
}
