import { AppDouble } from './app';
import { BrowserWindowDouble, browserWindowClass } from './browser-window';
import { readDoubleConfig } from './config';
import type { DoubleConfig } from './config';
import {
  DIALOG_API, DialogDouble, MENU_API, MenuModuleDouble, NOTIFICATION_API, NOTIFICATION_CLASS_API, NotificationDouble,
  SAFE_STORAGE_API, SafeStorageDouble, SCREEN_API, ScreenDouble, SHELL_API, ShellDouble,
} from './desktop-services';
import { IPC_MAIN_API, IpcMainDouble } from './ipc-main';
import { Journal } from './journal';
import { PROTOCOL_API, ProtocolDouble } from './protocol';
import { EMITTER_API, recorded } from './recorded';
import { SessionModuleDouble } from './session';

/**
 * The one Electron of the child process: every double, built from the test's configuration,
 * wired together (quitting closes the windows, `ready` unlocks the session and screen). The
 * `electron` module main imports hands out the recorded views; the control channel drives the
 * raw objects behind them.
 */

/** What the app double offers main. */
const APP_API = [
  ...EMITTER_API, 'isPackaged', 'whenReady', 'isReady', 'setName', 'getName', 'getVersion', 'getAppPath', 'setPath', 'getPath',
  'requestSingleInstanceLock', 'hasSingleInstanceLock', 'setAsDefaultProtocolClient', 'setAppUserModelId', 'focus', 'quit', 'exit',
];

/** Every double, raw (for the control channel) and as main sees it (recorded, strict). */
function buildWorld(config: DoubleConfig) {
  const journal = new Journal(config.journalFile);
  let quitFinished: () => void = () => undefined;
  const app = new AppDouble({
    journal,
    appPath: config.appPath,
    isPackaged: config.packaged !== undefined,
    // The only instance: a second one (which would quit at once) is not a case these tests drive.
    singleInstanceLock: true,
    closeAllWindows: () => [...BrowserWindowDouble.open].every((window) => window.closeAsked()),
    onQuitFinished: () => quitFinished(),
  });
  const isReady = () => app.isReady();
  BrowserWindowDouble.surroundings = { journal, isReady };
  const protocol = new ProtocolDouble(isReady);
  const ipcMain = new IpcMainDouble();
  const session = new SessionModuleDouble(journal, isReady);
  const menu = new MenuModuleDouble();
  const dialog = new DialogDouble();

  const views = {
    app: recorded('app', app, journal, { offers: APP_API }),
    BrowserWindow: browserWindowClass(journal),
    protocol: recorded('protocol', protocol, journal, { offers: PROTOCOL_API }),
    ipcMain: recorded('ipcMain', ipcMain, journal, { offers: IPC_MAIN_API }),
    session: recorded('session', session, journal, { offers: ['defaultSession'] }),
    screen: recorded('screen', new ScreenDouble(isReady), journal, { offers: SCREEN_API }),
    Menu: recorded('Menu', menu, journal, { offers: MENU_API }),
    shell: recorded('shell', new ShellDouble(), journal, { offers: SHELL_API }),
    dialog: recorded('dialog', dialog, journal, { offers: DIALOG_API }),
    Notification: recorded('Notification', NotificationDouble, journal, {
      offers: NOTIFICATION_CLASS_API,
      instanceView: (notification) => recorded('notification', notification, journal, { offers: NOTIFICATION_API }),
    }),
    safeStorage: recorded('safeStorage', new SafeStorageDouble(), journal, { offers: SAFE_STORAGE_API }),
  };
  return {
    config,
    journal,
    raw: { app, protocol, ipcMain, session: session.raw, menu },
    views,
    /** Called once the quit sequence has run to its end. */
    onQuitFinished(listener: () => void) {
      quitFinished = listener;
    },
    /** The app's windows that are still open (raw). */
    windows: () => [...BrowserWindowDouble.open],
  };
}

/** The double's single instance in this process. */
export const world = buildWorld(readDoubleConfig());
