import { sep } from 'node:path';
import type { Journal } from './journal';

/**
 * What Electron's asar support does for native addons, which plain Node cannot: an addon
 * required from inside `…/resources/app.asar/` is loaded from its copy in
 * `app.asar.unpacked/` (where electron-builder's asarUnpack put it), because a shared library
 * can only be opened from a real file. In the packaged layout the addons' files inside the
 * extracted `app.asar` folder are placeholders that cannot be loaded, so an addon that was not
 * unpacked fails here as it would in the app. Every load is recorded with the file it came from.
 */
export function loadAddonsAsElectronDoes(journal: Journal): void {
  const inside = `${sep}app.asar${sep}`;
  const dlopen = process.dlopen.bind(process);
  process.dlopen = (module: { exports: unknown }, filename: string, flags?: number) => {
    const at = filename.lastIndexOf(inside);
    const real = at === -1 ? filename : `${filename.slice(0, at)}${sep}app.asar.unpacked${sep}${filename.slice(at + inside.length)}`;
    journal.record('event', 'process:dlopen', [real]);
    return flags === undefined ? dlopen(module, real) : dlopen(module, real, flags);
  };
}
