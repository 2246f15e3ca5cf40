import { app } from 'electron';
import { openedIn, PROTOCOL } from './opened';
import type { Opened } from './opened';

/**
 * Registers the protocol and hands every deep link and opened zip to `deliver` (which
 * forwards it to the renderer as `app.opened` and brings the window forward). macOS sends
 * them through `open-url` and `open-file`; Windows and Linux start a second instance whose
 * arguments arrive through `second-instance` (index.ts takes the single-instance lock).
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
  app.on('second-instance', (_event, argv, workingDirectory) => {
    deliver(openedIn(argv, workingDirectory) ?? { kind: 'focus' });
  });
}
