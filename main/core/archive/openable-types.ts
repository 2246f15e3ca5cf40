import { extname } from 'node:path';

/**
 * The only file types "Open" hands to the system's default app: passive documents, images and
 * media that do not run code when opened. Anything else (programs, scripts, shortcuts, Office
 * formats with macros or add-ins, web pages and SVG with script, saved searches, types we have
 * never heard of) is shown in its folder instead, where the person decides. An allowlist, not a
 * blocklist: Windows alone has hundreds of types that run something (`.xll`, `.one`,
 * `.search-ms`, `.website`…), and a list of them is never complete. No HTML, SVG or XML (script
 * or stylesheets in a browser), no Office documents (macros, add-ins, OLE objects).
 */
const OPENABLE_EXTENSIONS = new Set([
  // Documents and plain data
  'pdf', 'txt', 'md', 'csv', 'tsv', 'json', 'log',
  // Images
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff',
  // Audio and video
  'mp3', 'wav', 'mp4',
]);

/**
 * The extension of `name` as the OS decides what opens it: lower case, without the dot; null when
 * there is none. Trailing dots and spaces are dropped first, as Windows drops them when it opens
 * a file (`x.exe.` runs as x.exe).
 */
export function fileExtension(name: string): string | null {
  return extname(name.replace(/[. ]+$/, '')).slice(1).toLowerCase() || null;
}

/**
 * Whether opening `name` with its default app is safe: a type on the allowlist. A name without an
 * extension is not, since the OS would then pick the program from its content (an ELF runs).
 */
export function opensWithDefaultApp(name: string): boolean {
  const extension = fileExtension(name);
  return extension !== null && OPENABLE_EXTENSIONS.has(extension);
}
