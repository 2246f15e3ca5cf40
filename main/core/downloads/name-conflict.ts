import { lstat } from 'node:fs/promises';
import type { ConflictChoice } from '../../../shared/api/downloads';
import { cancelled } from '../app-error';

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

/** Whether anything (a file, a folder, a link) holds the name. */
async function isTaken(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/**
 * How the move into place treats `path`: a free name is saved without ever replacing (a file
 * that appears meanwhile is kept: `name (1).zip`); a taken one as the policy says. Throws a
 * `cancelled` error when the policy says cancel.
 */
export async function settleTakenName(name: TakenName, policy: ConflictPolicy | undefined, signal: AbortSignal): Promise<ConflictChoice> {
  if (!policy || !(await isTaken(name.path))) return 'keep-both';
  const choice = await policy(name, signal);
  if (choice === 'cancel') {
    throw cancelled(`The download was cancelled: "${name.filename}" already exists in that folder and was left untouched.`);
  }
  return choice;
}
