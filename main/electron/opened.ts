/** What the operating system hands the app at launch: pure, so it is tested without Electron. */
import { resolve } from 'node:path';

/** The URL scheme the app registers: `export-manager://track?url=…`. */
export const PROTOCOL = 'export-manager';

/** What the operating system handed the app: a deep link or a zip to inspect. */
export type Opened = { kind: 'deep-link' | 'file'; value: string } | { kind: 'focus' };

/**
 * The deep link or zip file among command-line arguments (Windows and Linux pass them there).
 * A zip's path is made absolute against `cwd`: a second instance may have been started elsewhere.
 */
export function openedIn(argv: readonly string[], cwd: string = process.cwd()): Opened | null {
  const link = argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL}://`));
  if (link) return { kind: 'deep-link', value: link };
  const file = argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.zip'));
  return file ? { kind: 'file', value: resolve(cwd, file) } : null;
}
