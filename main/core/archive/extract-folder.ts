import { basename } from 'node:path';
import { newFolderIn } from '../files/new-folder';

/** The folder name for a zip's contents: its file name without `.zip`. */
export function folderNameFor(zipPath: string): string {
  const name = basename(zipPath);
  const stem = name.toLowerCase().endsWith('.zip') ? name.slice(0, -4) : `${name} contents`;
  // Not hidden (a leading dot) and not blank.
  return stem.trim().replace(/^\.+/, '') || 'extracted';
}

/**
 * Creates a new, empty folder for a zip's contents inside `parent`, named after the zip
 * (`canvas-exports/`, else `canvas-exports (1)/`…), so an extraction never scatters files among
 * what the folder already holds and never mixes with an earlier extraction.
 */
export function newExtractFolder(parent: string, zipPath: string): Promise<string> {
  return newFolderIn(parent, folderNameFor(zipPath), { contents: 'the extracted files', named: `named after "${basename(zipPath)}"` });
}
