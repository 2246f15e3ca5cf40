import { withoutHiddenCharacters } from '../../../shared/hidden-characters';
import { parseContentDisposition } from '../http/content-disposition';

/** The zip name of the contract when the backend gives no usable name. */
export const FALLBACK_ZIP_NAME = 'canvas-exports.zip';

/** Where a download's file name came from. */
export type FilenameSource = 'content-disposition' | 'fallback';

/** A safe file name and where it came from. */
export interface ResolvedFilename {
  filename: string;
  source: FilenameSource;
}

const MAX_BYTES = 255;
// Reserved on Windows (and `:` on macOS); `/` and `\` are handled as path separators before this.
const RESERVED_CHARS = /[<>:"|?*]/g;
// Windows device names, reserved whatever the extension ("CON.zip" opens the console).
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Removes what Windows strips or refuses at the end of a name (and leading dots: no hidden or `..` names). */
function trimEdges(text: string): string {
  return text.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/**
 * Makes a name from the network safe on Windows, macOS and Linux alike: no path parts, no
 * control, bidi or reserved characters, no reserved device names, at most 255 UTF-8 bytes with
 * the extension kept. Returns null when nothing usable remains.
 */
export function sanitizeFilename(raw: string): string | null {
  let name = raw.normalize('NFC');
  name = name.replace(/\\/g, '/');
  name = name.slice(name.lastIndexOf('/') + 1); // no path parts: keep the last segment only
  // Controls and invisible characters go (shared/hidden-characters.ts): they make "evil\u202Epiz.exe" look like "evilexe.zip".
  name = withoutHiddenCharacters(name).replace(RESERVED_CHARS, '_');
  name = name.replace(/\s+/g, ' ');
  name = trimEdges(name);
  if (!name || /^_*$/.test(name)) return null;
  const firstDot = name.indexOf('.');
  const device = firstDot < 0 ? name : name.slice(0, firstDot);
  if (RESERVED_NAMES.test(device.trim())) name = `_${name}`;
  if (byteLength(name) > MAX_BYTES) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && byteLength(name.slice(dot)) <= 32 ? name.slice(dot) : '';
    const stem = trimEdges(truncateBytes(name.slice(0, name.length - ext.length), MAX_BYTES - byteLength(ext)));
    name = stem ? stem + ext : truncateBytes(name, MAX_BYTES);
  }
  return name || null;
}

/**
 * The file name for a downloaded zip: the Content-Disposition name (sanitized, and always
 * ending in `.zip`), or `canvas-exports.zip` when the header gives no usable name.
 *
 * Any other extension is kept and `.zip` appended (`x.jar` → `x.jar.zip`) rather than replaced:
 * a file that is a valid zip can also be a valid .jar, .hta or .bat, and saving it under that
 * name (in default-folder mode, with no dialog) would make a double-click run it; appending
 * keeps the backend's name readable while the OS opens the file as the zip it is.
 */
export function zipFilenameFrom(contentDisposition: string | null | undefined): ResolvedFilename {
  const { filename } = parseContentDisposition(contentDisposition);
  const safe = filename === null ? null : sanitizeFilename(filename);
  if (safe === null) return { filename: FALLBACK_ZIP_NAME, source: 'fallback' };
  const withExt = /\.zip$/i.test(safe) ? safe : sanitizeFilename(`${truncateBytes(safe, MAX_BYTES - 4)}.zip`);
  return { filename: withExt ?? FALLBACK_ZIP_NAME, source: withExt ? 'content-disposition' : 'fallback' };
}

