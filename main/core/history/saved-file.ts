import { stat } from 'node:fs/promises';
import type { HistoryFileState } from '../../../shared/api/history';
import type { SavedFileStamp } from '../store/history-repo';

/** The size and modification time of the file at `path` now; null when there is none (or it cannot be read). */
export async function stampOf(path: string): Promise<SavedFileStamp | null> {
  const found = await stat(path).catch(() => null);
  return found?.isFile() ? { size: found.size, mtimeMs: found.mtimeMs } : null;
}

/**
 * Whether the file at `path` is still the one a job wrote: a replace, a rewrite or an edit by
 * anything (another program, the command line) changes its size or modification time; a move
 * or delete leaves nothing there. A row recorded before stamps were kept (`saved` null) can only
 * tell whether a file is there.
 */
export async function savedFileState(path: string, saved: SavedFileStamp | null): Promise<HistoryFileState> {
  const now = await stampOf(path);
  if (now === null) return 'missing';
  if (saved === null) return 'saved';
  return now.size === saved.size && now.mtimeMs === saved.mtimeMs ? 'saved' : 'changed';
}
