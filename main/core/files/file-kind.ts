import type { Stats } from 'node:fs';

/** What a path holds, as far as reading or replacing it goes. */
export type FileKind = 'file' | 'folder' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other';

/** The kind of what `stats` describes (from stat/fstat: a symlink is judged by what it leads to). */
export function fileKindOf(stats: Stats): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  return 'other';
}

const NOUNS: Readonly<Record<FileKind, string>> = {
  file: 'file',
  folder: 'folder',
  fifo: 'named pipe (FIFO)',
  socket: 'socket',
  'character-device': 'character device',
  'block-device': 'block device',
  other: 'special file',
};

/** The kind as a noun for a sentence, without an article: "named pipe (FIFO)", "folder". */
export function fileKindNoun(kind: FileKind): string {
  return NOUNS[kind];
}

/** The kind with its article: "a named pipe (FIFO)", "a folder". */
export function fileKindInWords(kind: FileKind): string {
  return `a ${NOUNS[kind]}`;
}
