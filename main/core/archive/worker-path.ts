import { sep } from 'node:path';

/**
 * Where the archive worker's script really is. In a packaged app the bundles live inside
 * `app.asar`, but a worker thread starts from a real file, so electron-builder unpacks
 * `archive-worker.mjs` (asarUnpack) into `app.asar.unpacked` beside it; elsewhere (a checkout,
 * the command line) the path is used as is.
 */
export function unpackedWorkerPath(path: string): string {
  const asar = `${sep}app.asar${sep}`;
  const at = path.lastIndexOf(asar);
  if (at === -1) return path;
  return `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + asar.length)}`;
}
