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
import { setupDeepLinks } from './deep-links';
import { registerIpc, sendEvent } from './ipc';
import { openedIn } from './opened';
import type { Opened } from './opened';
import { electronDialogs, electronNotifier, electronPaths, electronShell } from './ports';
import { createElectronSecretStore } from './secrets';
import { createMainWindow, defaultWindowSources, hardenDefaultSession } from './window';

const bundleDir = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** What arrived before the window could listen (macOS sends open-file before ready). */
const pendingOpened: Array<Exclude<Opened, { kind: 'focus' }>> = [];
let windowLoaded = false;

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

/** Hands a deep link or zip to the renderer, or keeps it until the page has loaded. */
function deliverOpened(opened: Opened): void {
  focusMainWindow();
  if (opened.kind === 'focus') return;
  if (windowLoaded) windowEvents.emit('app.opened', opened);
  else pendingOpened.push(opened);
}

function isTrustedSender(sender: WebContents): boolean {
  return mainWindow !== null && sender.id === mainWindow.webContents.id;
}

async function start(): Promise<void> {
  hardenDefaultSession();
  const paths = electronPaths();
  const secrets = await createElectronSecretStore(paths);
  core = await createCore(
    {
      paths,
      secrets: secrets.store,
      dialogs: electronDialogs(),
      notifier: electronNotifier(),
      shell: electronShell(),
      events: windowEvents,
    },
    { identity: { name: app.getName(), version: app.getVersion(), platform: process.platform }, secretsStatus: secrets.status },
  );
  registerIpc(core.api, isTrustedSender);
  openMainWindow();
  const launchedWith = openedIn(process.argv);
  if (launchedWith) deliverOpened(launchedWith);
}

/** Opens the window and delivers what arrived while there was none. */
function openMainWindow(): void {
  const window = createMainWindow(defaultWindowSources(bundleDir));
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
    windowLoaded = false;
  });
  window.webContents.once('did-finish-load', () => {
    windowLoaded = true;
    for (const opened of pendingOpened.splice(0)) windowEvents.emit('app.opened', opened);
  });
}

/** Stops core (cancels downloads, removes their temp files) before the process ends. */
let quitting = false;
function closeCoreBeforeQuit(event: Electron.Event): void {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
}

app.setName('Export Manager');
// Tests (and people who keep several setups) can point the app at another data folder; it
// must be set before the single-instance lock, which lives there.
if (process.env.EXPORT_MANAGER_USER_DATA) app.setPath('userData', process.env.EXPORT_MANAGER_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  setupDeepLinks(deliverOpened);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) openMainWindow();
  });
  app.on('will-quit', closeCoreBeforeQuit);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Export Manager could not start:', error instanceof Error ? error.message : error);
      app.exit(1);
    });
}
