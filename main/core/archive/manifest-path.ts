import { basename, dirname, join } from 'node:path';

const ZIP_EXT = /\.zip$/i;
const PART_NAME = /^(.*) \(part \d+ of (\d+)\)$/;

/**
 * Where the manifest of a download goes, beside its zip: `NAME.manifest.json` for `NAME.zip`;
 * for a split download one for the set, `NAME (3 parts).manifest.json` for `NAME (part 1 of
 * 3).zip`, … (so a set never takes the name of a single `NAME.zip`'s manifest in the same
 * folder). Every part leads to the same name, which is how `verify` finds it from any part.
 */
export function manifestPathFor(zipPath: string): string {
  const name = basename(zipPath).replace(ZIP_EXT, '');
  const part = PART_NAME.exec(name);
  const base = part ? `${part[1]} (${part[2]} parts)` : name;
  return join(dirname(zipPath), `${base}.manifest.json`);
}
