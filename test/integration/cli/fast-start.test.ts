import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../../helpers/run-cli';

// The bundle is built unminified, with a `// path` comment where each source module starts.
const HEAVY = [/^\/\/ node_modules\/got\//m, /^\/\/ node_modules\/yauzl\//m, /^\/\/ main\/core\/downloads\//m, /^\/\/ main\/core\/archive\//m];

/** Every file a bundle file loads before it runs: its static imports, followed recursively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import [^;]*?from "(\.[^"]+)";?$/gm)) {
    staticClosure(join(dirname(file), spec!), seen);
  }
  return seen;
}

/** The heavy modules (HTTP client, zip reader, download and archive engines) a set of files holds. */
function heavyIn(files: Set<string>): string[] {
  return [...files].flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return HEAVY.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern.source}`);
  });
}

/** The chunk `cli.js` imports for a command. */
function commandChunk(name: string): string {
  const match = new RegExp(`name: "${name}"[\\s\\S]*?import\\("(\\.[^"]+)"\\)`).exec(readFileSync(BUILT_CLI, 'utf8'));
  if (!match) throw new Error(`cli.js does not import the ${name} command on demand`);
  return join(dirname(BUILT_CLI), match[1]!);
}

describe.skipIf(!existsSync(BUILT_CLI))('the built command line starts light', () => {
  it('--help and --version load no engine: every command is a chunk imported when it runs', () => {
    expect(heavyIn(staticClosure(BUILT_CLI))).toEqual([]);
  });

  it('the state commands (profiles, key, track) load neither got nor yauzl nor the engines', () => {
    for (const name of ['profiles', 'key', 'track']) expect(heavyIn(staticClosure(commandChunk(name))), name).toEqual([]);
  });

  it('the download command still reaches the HTTP client (the check above would see it)', () => {
    expect(heavyIn(staticClosure(commandChunk('download')))).not.toEqual([]);
  });
});
