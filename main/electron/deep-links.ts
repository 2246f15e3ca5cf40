import { app } from 'electron';

/** The URL scheme the app registers: `export-manager://track?url=…`. */
export const PROTOCOL = 'export-manager';

/** What the operating system handed the app: a deep link or a zip to inspect. */
export type Opened = { kind: 'deep-link' | 'file'; value: string } | { kind: 'focus' };

/** The deep link or zip file among command-line arguments (Windows and Linux pass them there). */
export function openedIn(argv: readonly string[]): Opened | null {
  const link = argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL}://`));
  if (link) return { kind: 'deep-link', value: link };
  const file = argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.zip'));
  return file ? { kind: 'file', value: file } : null;
}

/**
 * Registers the protocol and forwards every deep link and opened zip to the renderer as
 * `app.opened` (through `deliver`, which also brings the window forward). macOS delivers them through `open-url` and `open-file`; Windows and Linux
 * start a second instance whose arguments arrive through `second-instance` (the
 * single-instance lock is taken in index.ts).
 */
export function setupDeepLinks(deliver: (opened: Opened) => void): void {
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL);
  }
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver({ kind: 'deep-link', value: url });
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    deliver({ kind: 'file', value: path });
  });
  app.on('second-instance', (_event, argv) => {
    deliver(openedIn(argv) ?? { kind: 'focus' });
  });
}
