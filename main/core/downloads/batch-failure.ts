import { appError, cancelled } from '../app-error';
import type { AppErrorException } from '../app-error';

/** The words for a split request's pieces: zip parts are files, URL-mode batches are requests. */
export type PieceWord = 'part' | 'batch';

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "Kept part 1: a.zip." / "Kept parts 1–2: a.zip, b.zip." / "Nothing was saved." */
export function keptSentence(savedNames: readonly string[]): string {
  if (savedNames.length === 0) return 'Nothing was saved.';
  const which = savedNames.length === 1 ? 'part 1' : `parts 1–${savedNames.length}`;
  return `Kept ${which}: ${savedNames.join(', ')}.`;
}

/**
 * The error of a split download that stopped in piece `index` of `count`: says which one, what
 * went wrong (kind, status and the backend's message kept), and which parts were saved before.
 * A cancel before anything was saved keeps its own message (e.g. the save dialog's).
 */
export function batchFailure(error: AppErrorException, word: PieceWord, index: number, count: number, savedNames: readonly string[] = []): AppErrorException {
  const { kind, message, status, backendMessage } = error.appError;
  const saved = word === 'part' ? ` ${keptSentence(savedNames)}` : '';
  if (kind === 'cancelled') {
    if (savedNames.length === 0 && word === 'part' && index === 1) return error;
    return cancelled(`The download was cancelled during ${word} ${index} of ${count}.${saved}`);
  }
  return appError(kind, `${capitalised(word)} ${index} of ${count} failed: ${message}${saved}`, { status, backendMessage, cause: error });
}
