import { basename, dirname } from 'node:path';
import { fail } from '../core/app-error';
import type { ZipDestination } from '../core/downloads';
import { UsageError } from './usage-error';

/** What `download --on-conflict` does with a file that already has the name: no prompt, so it is said up front. */
export type OnConflict = 'keep-both' | 'replace' | 'fail';

const CHOICES: readonly OnConflict[] = ['keep-both', 'replace', 'fail'];

/** The option's value, checked; undefined when it was not given (each kind of `--out` has its default). */
export function parseOnConflict(value: string | undefined, command: string): OnConflict | undefined {
  if (value === undefined) return undefined;
  if (!(CHOICES as readonly string[]).includes(value)) throw new UsageError(`--on-conflict must be keep-both, replace or fail, not "${value}"`, command);
  return value as OnConflict;
}

/** Fails as `disk` for a taken name, saying how to go on. */
export function nameTaken(path: string): never {
  fail('disk', `${basename(path)} already exists in ${dirname(path)}; it was left untouched. Add --on-conflict keep-both or --on-conflict replace, or choose another --out.`);
}

/** Saving into a folder, where a taken name is settled as `onConflict` says (fail: before the body is saved). */
export function inFolder(dir: string, onConflict: OnConflict): ZipDestination {
  return {
    kind: 'folder',
    dir,
    onConflict: ({ path }) => (onConflict === 'fail' ? nameTaken(path) : onConflict),
  };
}
