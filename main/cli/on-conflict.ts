import { basename, dirname } from 'node:path';
import { fail } from '../core/app-error';
import type { ConflictChoice } from '../../shared/api/downloads';
import type { ZipDestination } from '../core/downloads';
import { UsageError } from './usage-error';

/**
 * `download --on-conflict`'s words for the one ConflictChoice (no prompt, so it is said up
 * front): a script's "fail" is the window's "cancel", nothing touched, but an exit 1.
 */
const CHOICES: Readonly<Record<string, ConflictChoice>> = { 'keep-both': 'keep-both', replace: 'replace', fail: 'cancel' };

/** The option's value, checked; undefined when it was not given (each kind of `--out` has its default). */
export function parseOnConflict(value: string | undefined, command: string): ConflictChoice | undefined {
  if (value === undefined) return undefined;
  const choice = Object.hasOwn(CHOICES, value) ? CHOICES[value] : undefined;
  if (!choice) throw new UsageError(`--on-conflict must be keep-both, replace or fail, not "${value}"`, command);
  return choice;
}

/** Fails as `disk` for a taken name, saying how to go on. */
export function nameTaken(path: string): never {
  fail('disk', `${basename(path)} already exists in ${dirname(path)}; it was left untouched. Add --on-conflict keep-both or --on-conflict replace, or choose another --out.`);
}

/** Saving into a folder, where a taken name is settled as `onConflict` says (fail: before the body is saved). */
export function inFolder(dir: string, onConflict: ConflictChoice): ZipDestination {
  return {
    kind: 'folder',
    dir,
    onConflict: ({ path }) => (onConflict === 'cancel' ? nameTaken(path) : onConflict),
  };
}
