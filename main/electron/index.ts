/**
 * Electron's entry: wires the feature modules and nothing else. Each module does one thing
 * (window, IPC, ports, deep links); core knows none of them.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import type { WebContents } from 'electron';
import type { EventName, EventPayload } from '../../shared/api';
import { createCore } from '../core/core';
import type { Core } from '../core/core';
import type { EventSink } from '../core/ports';
import { deepLinkIn, setupDeepLinks } from './deep-links';
import { registerIpc, sendEvent } from './ipc';
import { electronDialogs, electronNotifier, electronPaths, electronShell } from './ports';
import { createElectronSecretStore } from './secrets';
import { createMainWindow, defaultWindowSources, hardenDefaultSession } from './window';

const bundleDir = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

const windowEvents: EventSink = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    if (mainWindow) sendEvent(mainWindow.webContents, name, payload);
  },
};

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function isTrustedSender(sender: WebContents): boolean {
  return mainWindow !== null && sender.id === mainWindow.webContents.id;
}

async function start(): Promise<void> {
  hardenDefaultSession();
  const paths = electronPaths();
  core = await createCore(
    {
      paths,
      secrets: await createElectronSecretStore(paths),
      dialogs: electronDialogs(),
      notifier: electronNotifier(),
      shell: electronShell(),
      events: windowEvents,
    },
    { identity: { name: app.getName(), version: app.getVersion(), platform: process.platform } },
  );
  registerIpc(core.api, isTrustedSender);
  mainWindow = createMainWindow(defaultWindowSources(bundleDir));
  mainWindow.on('closed', () => (mainWindow = null));
  const launchLink = deepLinkIn(process.argv);
  if (launchLink) {
    mainWindow.webContents.once('did-finish-load', () =>
      windowEvents.emit('app.opened', { kind: 'deep-link', value: launchLink }),
    );
  }
}

app.setName('Export Manager');
// Tests (and people who keep several setups) can point the app at another data folder; it
// must be set before the single-instance lock, which lives there.
if (process.env.EXPORT_MANAGER_USER_DATA) app.setPath('userData', process.env.EXPORT_MANAGER_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  setupDeepLinks(() => windowEvents, focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) {
      mainWindow = createMainWindow(defaultWindowSources(bundleDir));
    }
  });
  app.on('will-quit', () => void core?.close());
  app.whenReady().then(start, (error: unknown) => {
    console.error('Export Manager could not start:', error);
    app.exit(1);
  });
}
