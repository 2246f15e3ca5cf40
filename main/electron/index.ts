/**
 * Electron's entry: wires the feature modules and nothing else. Each module does one thing
 * (window, IPC, ports, deep links); core knows none of them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { EventName, EventPayload } from '../../shared/api';
import type { AppCommand } from '../../shared/api/app';
import { createCore } from '../core/core';
import { grantDroppedFile } from '../core/dropped-file';
import type { Core } from '../core/core';
import type { EventSink } from '../core/ports';
import { SettlingSecretStore } from '../core/secrets/settling-secret-store';
import { appUserModelId } from './app-identity';
import { registerAppScheme, serveAppFiles } from './app-protocol';
import { setupDeepLinks } from './deep-links';
import { registerIpc, sendEvent } from './ipc';
import { openedIn } from './opened';
import type { Opened } from './opened';
import { electronDialogs, electronNotifier, electronPaths, electronShell } from './ports';
import { createElectronSecretStore } from './secrets';
import { menuTemplate } from './menu-template';
import { startupFailureText } from './startup-failure';
import { isTrustedSender } from './trusted-sender';
import { userDataOverride } from './user-data';
import { createMainWindow, defaultWindowSources, hardenDefaultSession, trustedOrigins, windowStateOf } from './window';
import { electronProxyResolver } from './proxy-resolver';
import { readWindowState, writeWindowState } from './window-state-file';

const bundleDir = dirname(fileURLToPath(import.meta.url));
const sources = defaultWindowSources(bundleDir, app.isPackaged);
const allowedOrigins = trustedOrigins(sources);
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

/** Tells the renderer what was opened; a zip comes with the id to act on it (the page never names a path). */
function emitOpened(opened: Exclude<Opened, { kind: 'focus' }>): void {
  if (!core) return;
  if (opened.kind === 'deep-link') windowEvents.emit('app.opened', { kind: 'deep-link', value: opened.value });
  else windowEvents.emit('app.opened', { kind: 'file', value: opened.value, fileId: core.grants.grant(opened.value, 'file').id });
}

/** Hands a deep link or zip to the renderer, or keeps it until the page has loaded. */
function deliverOpened(opened: Opened): void {
  focusMainWindow();
  if (opened.kind === 'focus') return;
  if (windowLoaded) emitOpened(opened);
  else pendingOpened.push(opened);
}

/** Only the main frame of the app's window, at the app's own origin, may call the API. */
function isTrustedCall(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const main = event.sender.mainFrame;
  return isTrustedSender(
    {
      webContentsId: event.sender.id,
      isMainFrame: frame !== null && frame.processId === main.processId && frame.routingId === main.routingId,
      url: frame?.url ?? null,
    },
    mainWindow?.webContents.id ?? null,
    allowedOrigins,
  );
}

/** The user documentation: shipped beside the app in a package, the README in a checkout. */
function openHelp(): void {
  const readme = app.isPackaged ? join(process.resourcesPath, 'README.md') : join(bundleDir, '..', 'README.md');
  void shell.openPath(readme);
}

/**
 * After `ready`: the session's rules, the app:// pages, the menu, core and its IPC, then the
 * window. The keychain is not waited for: asking it can take seconds (a Secret Service that
 * never answers, a macOS prompt that needs a window to sit over), so the key store settles
 * beside the open window, which shows "checking the keychain" until it knows.
 */
async function start(): Promise<void> {
  // Ties notifications and taskbar grouping to the installed shortcut (electron-builder's appId).
  const modelId = appUserModelId(process.platform, app.isPackaged, process.execPath);
  if (modelId) app.setAppUserModelId(modelId);
  hardenDefaultSession(sources);
  serveAppFiles(sources.rendererDir);
  const menuActions = { openHelp, command: (command: AppCommand) => windowEvents.emit('app.command', { command }) };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { isPackaged: app.isPackaged, actions: menuActions })));
  const paths = electronPaths();
  const secrets = new SettlingSecretStore(createElectronSecretStore(paths));
  core = await createCore(
    {
      paths,
      secrets,
      dialogs: electronDialogs(),
      notifier: electronNotifier(),
      shell: electronShell(),
      events: windowEvents,
      proxyResolver: electronProxyResolver(),
    },
    {
      identity: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      secretsStatus: secrets.status,
      secretsSettled: secrets.settled,
    },
  );
  const grants = core.grants;
  registerIpc(core.api, isTrustedCall, (path) => grantDroppedFile(grants, path));
  openMainWindow();
  const launchedWith = openedIn(process.argv);
  if (launchedWith) deliverOpened(launchedWith);
}

/** Opens the window and delivers what arrived while there was none. */
function openMainWindow(): void {
  const dataDir = app.getPath('userData');
  const window = createMainWindow(sources, readWindowState(dataDir));
  mainWindow = window;
  window.on('close', () => writeWindowState(dataDir, windowStateOf(window)));
  window.on('closed', () => {
    mainWindow = null;
    windowLoaded = false;
  });
  window.webContents.once('did-finish-load', () => {
    windowLoaded = true;
    for (const opened of pendingOpened.splice(0)) emitOpened(opened);
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

/**
 * Tells the person why the app cannot start, in a dialog (a packaged app has no terminal to
 * log to), then exits. Before `ready` on Linux the dialog goes to stderr instead (Electron's rule).
 */
function failStartup(error: unknown): void {
  const { title, message } = startupFailureText(error);
  console.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/** Before `ready`: what Electron allows only then (privileged schemes, the data folder) and the listeners macOS may call first. */
function prepare(): boolean {
  app.setName('Export Manager');
  registerAppScheme();
  // Tests (and people who keep several setups) can point the app at another data folder; it
  // must be set before the single-instance lock, which lives there.
  const dataOverride = userDataOverride(process.env.EXPORT_MANAGER_USER_DATA);
  if (dataOverride) app.setPath('userData', dataOverride);
  return app.requestSingleInstanceLock();
}

let primary = false;
try {
  primary = prepare();
} catch (error) {
  failStartup(error);
}

if (!primary) {
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
  app.whenReady().then(start).catch(failStartup);
}
