import { app } from 'electron';
import type { EventSink } from '../core/ports';

/** The URL scheme the app registers: `export-manager://track?url=…`. */
export const PROTOCOL = 'export-manager';

/** The deep link among command-line arguments (Windows and Linux pass it there). */
export function deepLinkIn(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL}://`)) ?? null;
}

/**
 * Registers the protocol and forwards every deep link to the renderer as `app.opened`.
 * macOS delivers links through `open-url`; Windows and Linux start a second instance whose
 * arguments arrive through `second-instance` (the single-instance lock is taken in index.ts).
 */
export function setupDeepLinks(events: () => EventSink | null, focus: () => void): void {
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL);
  }
  const forward = (link: string) => {
    events()?.emit('app.opened', { kind: 'deep-link', value: link });
    focus();
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    forward(url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkIn(argv);
    if (link) forward(link);
    else focus();
  });
}
