/**
 * The end-of-central-directory record of a zip (APPNOTE 4.3.16), found by scanning the last
 * bytes of a file. Shared by the download check (`archive/zip-directory.ts`) and the
 * archive opener (`open-zip.ts`), which read it for different reasons.
 */

/** Signature of the end-of-central-directory record. */
export const END_RECORD = 0x06054b50;
/** Signature of the zip64 end-of-central-directory locator, which sits right before the end record. */
export const ZIP64_LOCATOR = 0x07064b50;
/** How many bytes at the end of a file can hold the end record: its 22 bytes plus the longest comment. */
export const END_SCAN_LENGTH = 22 + 0xffff;

/** What the 32-bit end record says (fields saturated to 0xffff/0xffffffff mean: see the zip64 record). */
export interface EndRecord {
  /** Offset of the record within the scanned tail. */
  at: number;
  entries: number;
  directorySize: number;
  directoryOffset: number;
  /** Whether a zip64 locator precedes the record. */
  zip64Locator: boolean;
}

/**
 * Finds the end record in `tail` (the last bytes of a file), scanning backwards. Its comment
 * must run exactly to the end of the file, which rules out a signature that is part of the data.
 */
export function findEndRecord(tail: Buffer): EndRecord | null {
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== END_RECORD || at + 22 + tail.readUInt16LE(at + 20) !== tail.length) continue;
    return {
      at,
      entries: tail.readUInt16LE(at + 10),
      directorySize: tail.readUInt32LE(at + 12),
      directoryOffset: tail.readUInt32LE(at + 16),
      zip64Locator: at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR,
    };
  }
  return null;
}
