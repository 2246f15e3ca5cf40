import { basename } from 'node:path';
import { writeFileAtomically } from '../files/write-atomically';
import { refuseToReplaceNonFile } from '../files/replace-target';
import { MANIFEST_FORMAT, MANIFEST_VERSION } from './manifest-format';
import type { Manifest, ManifestHeader, ManifestPartInput } from './manifest-format';
import { manifestPathFor } from './manifest-path';

/** The manifest of a download from what it was and the parts it saved (in part order). */
export function buildManifest(header: ManifestHeader, parts: readonly ManifestPartInput[], created = new Date()): Manifest {
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    app: header.app,
    created: created.toISOString(),
    profile: { name: header.profileName, baseUrl: header.baseUrl },
    requested: header.requested,
    partCount: header.partCount,
    complete: header.complete,
    parts: parts.map((part) => ({
      part: part.part,
      file: basename(part.path),
      bytes: part.bytes,
      sha256: part.sha256,
      request: { sourceFileUrls: [...part.sourceFileUrls] },
      response: { status: part.status, contentDisposition: part.contentDisposition },
      entries: part.entries.map(({ name, size, compressedSize, crc32, sha256 }) => ({ name, size, compressedSize, crc32, sha256 })),
    })),
    ...(header.check
      ? {
          check: {
            exportedUrls: [...header.check.exportedUrls],
            skipped: header.check.skipped.map(({ sourceFileUrl, reason }) => ({ ...(sourceFileUrl === undefined ? {} : { sourceFileUrl }), ...(reason === undefined ? {} : { reason }) })),
          },
        }
      : {}),
  };
}

/**
 * Writes the manifest of the saved parts beside the first one (manifestPathFor) atomically:
 * a reader sees the old manifest or the whole new one, never half. The name belongs to the zip
 * it describes, so a manifest already there (an earlier download's under a name now replaced)
 * is replaced; anything other than a regular file there is refused as `disk`. Returns its path.
 */
export async function writeManifest(header: ManifestHeader, parts: readonly ManifestPartInput[]): Promise<string> {
  const path = manifestPathFor(parts[0]!.path);
  await refuseToReplaceNonFile(path);
  await writeFileAtomically(path, `${JSON.stringify(buildManifest(header, parts), null, 2)}\n`);
  return path;
}
