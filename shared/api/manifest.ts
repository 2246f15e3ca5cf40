/**
 * What checking a zip against the manifest written beside it found (see main/core/manifest/).
 * A zip without a manifest is verified by CRC alone and carries no ManifestCheck.
 */
export interface ManifestCheck {
  /** The manifest that was read, beside the zip. */
  manifestPath: string;
  /** True when the file and every entry match what the manifest recorded. */
  ok: boolean;
  /** What differs, one line each, in words (`"cover.png": SHA-256 differs`); empty when ok. */
  differences: string[];
}
