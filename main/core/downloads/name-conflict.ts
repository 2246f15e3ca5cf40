import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConflictChoice } from '../../../shared/api/downloads';
import { appError, cancelled } from '../app-error';

/** A name a download would save under that is already taken. */
export interface TakenName {
  /** The full path of the existing file. */
  path: string;
  filename: string;
  folder: string;
}

/**
 * Decides about one taken name while the body keeps streaming: keep both, replace, or cancel;
 * it may also throw an AppErrorException to fail the download (the command line's `fail`).
 * One policy serves one job, so an answer given once can hold for the job's later files.
 * `signal` aborts when the download ends for any other reason: a question must then close.
 */
export type ConflictPolicy = (taken: TakenName, signal: AbortSignal) => ConflictChoice | Promise<ConflictChoice>;

/**
 * The names a download saves under in a folder, numbered `n` to keep what is there (0: as
 * named). One file: `name.zip`, `name (1).zip`, …; a split zip's part 1 stands for its whole set,
 * `name (1) (part 1 of 3).zip` … `name (1) (part 3 of 3).zip`, so the set is numbered as one.
 * The first name is the file being saved now.
 */
export type NameSet = (n: number) => string[];

/** The NameSet of the set a file saved as `firstName` heads (a split zip's part 1 names its later parts). */
export type SetNaming = (firstName: string) => NameSet;

/** How many numbered names are tried before giving up. */
const MAX_NUMBER = 10_000;

/** Whether anything (a file, a folder, a link) holds the name. */
async function isTaken(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/** The first of `names` that something in `folder` holds, or null when every one is free. */
async function firstTaken(folder: string, names: readonly string[]): Promise<string | null> {
  for (const name of names) if (await isTaken(join(folder, name))) return name;
  return null;
}

/** What saving into a folder settled: the name to save under, its number in the NameSet (0: as named), and how the move treats it. */
export interface SettledName {
  name: string;
  number: number;
  existing: ConflictChoice;
}

/**
 * Which name a download saves under in `folder`, and how the move into place treats it. Free
 * names: the first, saved without ever replacing (a file that appears meanwhile is kept:
 * `name (1).zip`). A taken one (any name of the set): as the policy says (no policy: keep both);
 * replace keeps the names, keep both takes the first numbering under which every name of the set
 * is free. Throws a `cancelled` error when the policy says cancel. `firstSettled`: the first
 * name was answered for already (the save dialog asked about it), so unnumbered only the rest
 * are checked.
 */
export async function settleTakenName(folder: string, names: NameSet, policy: ConflictPolicy | undefined, signal: AbortSignal, firstSettled = false): Promise<SettledName> {
  const wanted = names(0);
  const taken = await firstTaken(folder, firstSettled ? wanted.slice(1) : wanted);
  if (taken === null) return { name: wanted[0]!, number: 0, existing: 'keep-both' };
  const choice = policy ? await policy({ path: join(folder, taken), filename: taken, folder }, signal) : 'keep-both';
  if (choice === 'cancel') {
    throw cancelled(`The download was cancelled: "${taken}" already exists in that folder and was left untouched.`);
  }
  if (choice === 'replace') return { name: wanted[0]!, number: 0, existing: 'replace' };
  for (let n = 1; n < MAX_NUMBER; n++) {
    const numbered = names(n);
    if ((await firstTaken(folder, numbered)) === null) return { name: numbered[0]!, number: n, existing: 'keep-both' };
  }
  throw appError('disk', `Could not find a free name for ${wanted[0]!} in ${folder}.`);
}
