import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Journal } from './journal';

/** An Electron event main may cancel (`before-quit`, `will-quit`, `open-url`, a window's `close`). */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** What the app double needs from the rest of the double. */
export interface AppSurroundings {
  journal: Journal;
  appPath: string;
  isPackaged: boolean;
  singleInstanceLock: boolean;
  /** Closes every window as quitting does; false when one refused to close. */
  closeAllWindows(): boolean;
  /** The quit sequence ran to its end: Electron would now end the process. */
  onQuitFinished(): void;
}

/** The Electron names `app.getPath` knows; any other name throws, as Electron does. */
const PATH_NAMES = new Set([
  'home', 'appData', 'userData', 'sessionData', 'temp', 'exe', 'module', 'desktop', 'documents',
  'downloads', 'music', 'pictures', 'videos', 'recent', 'logs', 'crashDumps',
]);

/**
 * Electron's `app`: an EventEmitter whose `ready` fires only when the test says so, paths
 * kept as Electron keeps them (`setPath` insists on an absolute, existing folder), and the quit
 * sequence Electron runs: `before-quit`, windows closed, `will-quit`, `quit`, each cancellable
 * where Electron's is. Nothing is registered with the OS.
 */
export class AppDouble extends EventEmitter {
  private ready = false;
  private readonly readyWaiters: Array<() => void> = [];
  private name: string;
  private readonly version: string;
  private readonly paths = new Map<string, string>();
  private quitting = false;

  constructor(private readonly surroundings: AppSurroundings) {
    super();
    // Electron reads the app's name and version from its package.json.
    const manifest = JSON.parse(readFileSync(join(surroundings.appPath, 'package.json'), 'utf8')) as { name?: string; productName?: string; version?: string };
    this.name = manifest.productName ?? manifest.name ?? 'Electron';
    this.version = manifest.version ?? '0.0.0';
  }

  get isPackaged(): boolean {
    return this.surroundings.isPackaged;
  }

  /** Fires `will-finish-launching` and `ready`, as Electron does once the platform is up (the test's cue). */
  fireReady(): void {
    if (this.ready) return;
    this.emitFromElectron('will-finish-launching');
    this.ready = true;
    this.surroundings.journal.markReady();
    this.emitFromElectron('ready', new PreventableEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Emits an event as Electron would, and records it. */
  emitFromElectron(event: string, ...args: unknown[]): boolean {
    this.surroundings.journal.record('event', `app:${event}`, args);
    return this.emit(event, ...args);
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  setName(name: string): void {
    this.name = name;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return this.version;
  }

  getAppPath(): string {
    return this.surroundings.appPath;
  }

  setPath(name: string, path: string): void {
    if (!PATH_NAMES.has(name)) throw new Error(`Failed to set path: unknown name '${name}'`);
    if (!isAbsolute(path)) throw new Error('Path must be absolute');
    // Electron throws for a folder that does not exist (its docs: create it first).
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`Failed to set path: '${path}' does not exist`);
    this.paths.set(name, path);
  }

  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set) return set;
    const home = homedir();
    const appData = process.env.XDG_CONFIG_HOME || join(home, '.config');
    switch (name) {
      case 'home':
        return home;
      case 'appData':
        return appData;
      case 'userData':
      case 'sessionData':
        return join(appData, this.name);
      case 'temp':
        return tmpdir();
      case 'exe':
      case 'module':
        return process.execPath;
      case 'logs':
        return join(this.getPath('userData'), 'logs');
      case 'crashDumps':
        return join(this.getPath('userData'), 'Crashpad');
      default:
        if (!PATH_NAMES.has(name)) throw new Error(`Failed to get '${name}' path`);
        return join(home, name.charAt(0).toUpperCase() + name.slice(1));
    }
  }

  requestSingleInstanceLock(): boolean {
    return this.surroundings.singleInstanceLock;
  }

  hasSingleInstanceLock(): boolean {
    return this.surroundings.singleInstanceLock;
  }

  setAsDefaultProtocolClient(_protocol: string, _path?: string, _args?: string[]): boolean {
    return true;
  }

  setAppUserModelId(_id: string): void {}

  focus(): void {}

  /**
   * Electron's quit, on the next turn: `before-quit`, every window closed, `will-quit`, `quit`.
   * Main may cancel `before-quit` or `will-quit` (it does, to close core first, then quits again).
   */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    setImmediate(() => {
      this.quitting = false;
      const beforeQuit = new PreventableEvent();
      this.emitFromElectron('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return void this.surroundings.journal.record('event', 'app:before-quit:prevented');
      if (!this.surroundings.closeAllWindows()) return;
      const willQuit = new PreventableEvent();
      this.emitFromElectron('will-quit', willQuit);
      if (willQuit.defaultPrevented) return void this.surroundings.journal.record('event', 'app:will-quit:prevented');
      this.emitFromElectron('quit', new PreventableEvent(), 0);
      this.surroundings.onQuitFinished();
    });
  }

  /** Electron's exit: no events, the process ends now with `code`. */
  exit(code = 0): never {
    this.surroundings.journal.record('event', 'process:exit', [code]);
    process.exit(code);
  }
}
