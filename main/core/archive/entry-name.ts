import { firstHiddenCharacter } from '../../../shared/hidden-characters';

/** Windows device names (with any extension): writing `NUL.txt` or `COM1` there reaches a device, not a file. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * Why writing an entry of this name could leave the destination folder or cannot be written,
 * or null when it is safe. Backslashes count as separators here whatever the platform, so
 * `..\..\evil` is caught on Linux too. Device names are refused everywhere (the archive may be
 * extracted on Windows later); `:` (alternate data streams) and trailing dots or spaces (which
 * Windows silently drops, merging names) only where the disk is a Windows one.
 */
export function unsafeNameReason(name: string, platform: string = process.platform): string | null {
  if (name.length === 0) return 'empty name';
  // The same rule as downloaded file names and URLs: here the entry is refused rather than cleaned, so the list shows what the archive really holds.
  const hidden = firstHiddenCharacter(name);
  if (hidden?.kind === 'control') return `name contains a control character (${hidden.label})`;
  if (hidden) return `name contains an invisible or text-direction character (${hidden.label}) that can disguise it (e.g. a .exe shown as .pdf)`;
  if (/^[\\/]/.test(name)) return 'absolute path (starts at the root of the disk)';
  if (/^[a-zA-Z]:/.test(name)) return 'absolute path with a drive letter';
  const segments = name.split(/[\\/]+/);
  if (segments.includes('..')) return 'path leaves the folder (contains "..")';
  if (segments.every((segment) => segment === '' || segment === '.')) return 'name has no file or folder in it';
  if (segments.some((segment) => WINDOWS_DEVICE.test(segment))) return 'name is a Windows device name (CON, NUL, COM1, CONIN$…)';
  if (platform === 'win32') {
    if (segments.some((segment) => segment.includes(':'))) return 'name contains ":" (a hidden data stream on Windows)';
    if (segments.some((segment) => /[. ]$/.test(segment) && segment !== '.')) return 'name ends with a dot or a space, which Windows drops';
  }
  return null;
}

/** The path segments an entry name writes to (`a\b/./c/` → `a`, `b`, `c`); call only on safe names. */
export function nameSegments(name: string): string[] {
  return name.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
}
