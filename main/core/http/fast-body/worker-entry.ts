import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where a started worker comes from: a built file, or the TypeScript source through tsx. */
export interface WorkerEntry {
  source: string;
  eval: boolean;
}

// In variables so the bundler leaves the names alone and they resolve at run time. `.mjs`: Node
// loads the built worker as ESM by its name.
const BUILT_WORKER = 'fast-body-worker.mjs';
const SOURCE_WORKER = './fast-body-worker.ts';

/**
 * In a packaged app the bundles live in `app.asar`; a worker thread starts from a real file, so
 * the worker is unpacked beside it (`app.asar.unpacked`, electron-builder's asarUnpack).
 */
export function unpackedPath(path: string): string {
  const asar = `${sep}app.asar${sep}`;
  const at = path.lastIndexOf(asar);
  return at === -1 ? path : `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + asar.length)}`;
}

let resolved: WorkerEntry | null | undefined;

/**
 * How to start the fast body worker: the built `fast-body-worker.mjs` beside the running bundle
 * (main.js, cli.js) or one folder up (the command line's chunks live in `cli-chunks/`); else the
 * TypeScript source through tsx (tests, `tsx` scripts: on Node 20 a worker's entry does not get
 * `--import tsx`, so a bootstrap registers tsx inside the worker first). Null when neither is
 * there: the download then takes the got path, as before the fast path existed. Looked up once.
 */
export function fastBodyWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry | null {
  if (moduleUrl === import.meta.url && resolved !== undefined) return resolved;
  const entry = findEntry(moduleUrl);
  if (moduleUrl === import.meta.url) resolved = entry;
  return entry;
}

function findEntry(moduleUrl: string): WorkerEntry | null {
  for (const candidate of [`./${BUILT_WORKER}`, `../${BUILT_WORKER}`]) {
    const built = unpackedPath(fileURLToPath(new URL(candidate, moduleUrl)));
    if (existsSync(built)) return { source: built, eval: false };
  }
  const source = new URL(SOURCE_WORKER, moduleUrl);
  if (!existsSync(fileURLToPath(source))) return null;
  let tsxApi: string;
  try {
    // require.resolve finds the CommonJS build; its ESM twin beside it is the one that registers hooks.
    tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return null; // sources without tsx (an unusual checkout): the got path serves
  }
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return { source: bootstrap, eval: true };
}
