import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWindowState } from './window-state';
import type { WindowState } from './window-state';

/** The file in the data folder that keeps the window's bounds between launches. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** The saved window state, or null when there is none or it cannot be read. */
export function readWindowState(dataDir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** Saves the window state (through a temp file, so a crash never leaves half a file). Failures are ignored: it is a convenience. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const path = join(dataDir, WINDOW_STATE_FILE);
  try {
    writeFileSync(`${path}.tmp`, JSON.stringify(state));
    renameSync(`${path}.tmp`, path);
  } catch {
    // A read-only or full data folder: the window opens at its default place next time.
  }
}
