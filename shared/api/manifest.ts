/** One way a zip differs from its manifest: an entry (by its name in the archive), or the file as a whole (`entry` null). */
export interface ManifestDifference {
  entry: string | null;
  /** In words: "SHA-256 differs", "missing from the zip", "not in the manifest", … */
  what: string;
}

/**
 * What checking a zip against the manifest written beside it found (see
 * main/core/archive/check-manifest.ts). A zip without a manifest is verified by CRC alone and
 * carries no ManifestCheck.
 */
export interface ManifestCheck {
  /** The manifest that was read, beside the zip. */
  manifestPath: string;
  /** True when the file and every entry match what the manifest recorded. */
  ok: boolean;
  /** Entries the manifest lists for this zip. */
  entries: number;
  /** What differs; empty when ok. */
  differences: ManifestDifference[];
}
