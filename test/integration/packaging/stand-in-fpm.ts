import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for fpm, the tool electron-builder downloads to make a deb (it cannot be
 * downloaded here). Given to electron-builder as CUSTOM_FPM_PATH, it records each call — the
 * arguments, and the text of the .desktop and .xml files to install, which are temp files gone
 * once electron-builder finishes — and writes an empty package where fpm would write the deb.
 */

/** One call of fpm as electron-builder made it. */
export interface FpmCall {
  args: string[];
  /** Install path → content, for every `.desktop` and `.xml` file the package would install. */
  installedText: Record<string, string>;
}

/** A stand-in fpm on disk and what it recorded. */
export interface StandInFpm {
  /** The executable, for CUSTOM_FPM_PATH. */
  path: string;
  /** Every call so far, in order. */
  calls(): Promise<FpmCall[]>;
}

/** Makes a stand-in fpm in the folder `dir`. */
export async function makeStandInFpm(dir: string): Promise<StandInFpm> {
  const path = join(dir, 'fpm.cjs');
  const record = join(dir, 'fpm-calls.jsonl');
  const script = `#!${process.execPath}
const { appendFileSync, readFileSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
const installedText = {};
// fpm's dir source takes "source=install path" arguments.
for (const arg of args) {
  const match = /^(\\/[^=]+)=(\\/.+\\.(?:desktop|xml))$/.exec(arg);
  if (match) installedText[match[2]] = readFileSync(match[1], 'utf8');
}
appendFileSync(${JSON.stringify(record)}, JSON.stringify({ args, installedText }) + '\\n');
writeFileSync(args[args.indexOf('--package') + 1], '');
`;
  await writeFile(path, script);
  await chmod(path, 0o755);
  await writeFile(record, '');
  return {
    path,
    async calls() {
      const lines = (await readFile(record, 'utf8')).split('\n').filter((line) => line.length > 0);
      return lines.map((line) => JSON.parse(line) as FpmCall);
    },
  };
}
