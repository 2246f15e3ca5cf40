import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { DataCheck } from './write-entry';

/** What a manifest records of one file entry: its sizes, CRC-32 (8 hex digits) and SHA-256 (hex) of its uncompressed bytes. */
export interface EntryDigest {
  name: string;
  size: number;
  compressedSize: number;
  crc32: string;
  sha256: string;
}

/** A zip entry's CRC-32 as the manifest writes it: 8 lower-case hex digits. */
export function crc32Hex(crc: number): string {
  return (crc >>> 0).toString(16).padStart(8, '0');
}

/**
 * The size and CRC check of an entry's data that also hashes it with SHA-256 on the way: one
 * read of the entry gives both the verification and the manifest's digest.
 */
export class HashingDataCheck extends DataCheck {
  readonly #hash: Hash = createHash('sha256');

  override update(chunk: Buffer): void {
    super.update(chunk);
    this.#hash.update(chunk);
  }

  /** The SHA-256 of every byte taken, in hex (call once, after `finish`). */
  sha256(): string {
    return this.#hash.digest('hex');
  }
}
