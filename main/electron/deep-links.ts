import { app } from 'electron';
import { claimsProtocolAtStart } from './app-identity';
import { openedIn, PROTOCOL } from './opened';
import type { Opened } from './opened';

/**
 * Claims the protocol (packaged only, see `claimsProtocolAtStart`) and hands every deep link
 * and opened zip to `deliver` (which forwards it to the renderer as `app.opened` and brings the
 * window forward). macOS sends them through `open-url` and `open-file`, possibly before `ready`,
 * so this runs before it; Windows and Linux start a second instance whose arguments arrive
 * through `second-instance` (index.ts takes the single-instance lock).
 */
export function setupDeepLinks(deliver: (opened: Opened) => void): void {
  if (claimsProtocolAtStart(process.platform, app.isPackaged)) app.setAsDefaultProtocolClient(PROTOCOL);
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
