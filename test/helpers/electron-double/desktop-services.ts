/**
 * The desktop services main uses and the double only records (the journal has every call):
 * displays, the menu, the file manager and browser, native dialogs, notifications and
 * safeStorage. None of them reaches the OS: nothing opens, nothing is shown, a file dialog
 * answers "cancelled" and a message box its default button.
 */

/** A rectangle in screen coordinates. */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as `screen` describes it. */
interface Display {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

/** What `screen` offers main: one 1920×1080 display; like Electron's, usable only after `ready`. */
export class ScreenDouble {
  constructor(private readonly isReady: () => boolean) {}

  private display(): Display {
    if (!this.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event");
    return { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
  }

  getAllDisplays(): Display[] {
    return [this.display()];
  }

  getPrimaryDisplay(): Display {
    return this.display();
  }
}
/** What main may use of `screen`. */
export const SCREEN_API = ['getAllDisplays', 'getPrimaryDisplay'];

/** A menu built from a template; the template is kept as main gave it. */
export class MenuDouble {
  constructor(readonly template: unknown[]) {}
}

/** `Menu`'s static side. */
export class MenuModuleDouble {
  applicationMenu: MenuDouble | null = null;

  buildFromTemplate(template: unknown[]): MenuDouble {
    return new MenuDouble(template);
  }

  setApplicationMenu(menu: MenuDouble | null): void {
    this.applicationMenu = menu;
  }

  getApplicationMenu(): MenuDouble | null {
    return this.applicationMenu;
  }
}
/** What main may use of `Menu`. */
export const MENU_API = ['buildFromTemplate', 'setApplicationMenu', 'getApplicationMenu'];

/** `shell`: recorded, never performed. */
export class ShellDouble {
  async openPath(_path: string): Promise<string> {
    return '';
  }

  async openExternal(_url: string): Promise<void> {}

  showItemInFolder(_path: string): void {}
}
/** What main may use of `shell`. */
export const SHELL_API = ['openPath', 'openExternal', 'showItemInFolder'];

/** `dialog`: every file dialog answers "cancelled", a message box its default button, an error box is recorded. */
export class DialogDouble {
  async showOpenDialog(..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    return { canceled: true, filePaths: [] };
  }

  async showSaveDialog(..._args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    return { canceled: true, filePath: '' };
  }

  /** Answers with the default button (`defaultId`, else the first), as if the person pressed Enter. */
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = args.find((arg): arg is { defaultId?: number } => typeof arg === 'object' && arg !== null && 'buttons' in arg);
    return { response: options?.defaultId ?? 0, checkboxChecked: false };
  }

  showErrorBox(_title: string, _content: string): void {}
}
/** What main may use of `dialog`. */
export const DIALOG_API = ['showOpenDialog', 'showSaveDialog', 'showMessageBox', 'showErrorBox'];

/** `Notification`: supported, shown into the journal only. */
export class NotificationDouble {
  static isSupported(): boolean {
    return true;
  }

  constructor(readonly options: unknown) {}

  show(): void {}
}
/** What main may use of a notification. */
export const NOTIFICATION_API = ['show'];
/** What main may use of the `Notification` class. */
export const NOTIFICATION_CLASS_API = ['isSupported'];

/**
 * `safeStorage` as on a Linux session without a keyring: asynchronous encryption unavailable
 * (so main must not claim it can keep keys in an encrypted file). The methods still work, with
 * a reversible transform, should a test make it available.
 */
export class SafeStorageDouble {
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return false;
  }

  getSelectedStorageBackend(): string {
    return 'basic_text';
  }

  async encryptStringAsync(plain: string): Promise<Buffer> {
    return Buffer.from(`double:${plain}`, 'utf8');
  }

  async decryptStringAsync(cipher: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    return { result: cipher.toString('utf8').replace(/^double:/, ''), shouldReEncrypt: false };
  }
}
/** What main may use of `safeStorage`. */
export const SAFE_STORAGE_API = ['isAsyncEncryptionAvailable', 'getSelectedStorageBackend', 'encryptStringAsync', 'decryptStringAsync'];
