import { EventEmitter } from 'node:events';
import type { Journal } from './journal';
import { PreventableEvent } from './app';
import { EMITTER_API, recorded } from './recorded';

/**
 * Electron's BrowserWindow and its webContents, without a page: the window keeps the options
 * it was made with, its bounds and whether it is shown; the page "loads" when the test says
 * so, finishing (`did-finish-load`, `ready-to-show`) or failing (`did-fail-load`) as
 * Chromium reports it. Nothing is drawn.
 */

/** A frame as IPC events carry it (`event.senderFrame`, `webContents.mainFrame`). */
export interface FrameDouble {
  processId: number;
  routingId: number;
  url: string;
  /** Electron's `origin` is "null" for custom schemes' opaque origins; main must not rely on it. */
  origin: string;
  parent: FrameDouble | null;
  top: FrameDouble | null;
}

/** A rectangle in screen coordinates. */
interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What main may use of a webContents (anything else throws). */
const WEB_CONTENTS_API = [...EMITTER_API, 'id', 'mainFrame', 'setWindowOpenHandler', 'send', 'isDestroyed', 'getURL', 'loadURL'];
/** What main may use of a window. */
const WINDOW_API = [
  ...EMITTER_API, 'id', 'webContents', 'loadURL', 'show', 'hide', 'isVisible', 'focus', 'isMinimized', 'restore',
  'maximize', 'isMaximized', 'getBounds', 'getNormalBounds', 'setBounds', 'setProgressBar', 'isDestroyed', 'close', 'destroy',
];
/** What main may use of the BrowserWindow class itself. */
const WINDOW_CLASS_API = ['getAllWindows', 'getFocusedWindow', 'fromWebContents'];

/** The renderer process ids the double hands out, one per webContents (Chromium's are small integers too). */
let nextProcessId = 4;
/** webContents ids, 1, 2, 3… as Electron numbers them. */
let nextContentsId = 1;

/** Electron's webContents: events, the window-open handler, what main sends, and a page that loads on command. */
export class WebContentsDouble extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FrameDouble;
  /** The recorded view main sees (events carry it as their sender). */
  readonly view: WebContentsDouble;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  private url = '';
  private destroyed = false;
  private pendingLoad: { resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(
    private readonly journal: Journal,
    private readonly owner: BrowserWindowDouble,
    path: string,
  ) {
    super();
    const processId = nextProcessId++;
    this.mainFrame = { processId, routingId: 1, url: '', origin: 'null', parent: null, top: null };
    this.mainFrame.top = this.mainFrame;
    this.view = recorded(path, this, journal, { offers: WEB_CONTENTS_API });
  }

  /** A frame inside the page (an iframe), in the same renderer process, at `url`. */
  childFrame(url: string): FrameDouble {
    return { processId: this.mainFrame.processId, routingId: 2, url, origin: 'null', parent: this.mainFrame, top: this.mainFrame };
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send(_channel: string, ..._args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.url;
  }

  /** Starts loading `url`; settles when the test finishes or fails the load, as Electron's does. */
  loadURL(url: string): Promise<void> {
    this.pendingLoad?.reject(new Error(`ERR_ABORTED (-3) loading '${this.url}'`));
    this.url = url;
    this.mainFrame.url = url;
    return new Promise((resolve, reject) => {
      this.pendingLoad = { resolve, reject };
    });
  }

  /** The page loaded: `did-finish-load`, then the window's `ready-to-show`. */
  finishLoad(): void {
    this.emitFromElectron('did-finish-load', { sender: this.view });
    this.owner.emitFromElectron('ready-to-show', { sender: this.owner.view });
    this.pendingLoad?.resolve();
    this.pendingLoad = null;
  }

  /** The page failed as Chromium reports it: `did-fail-load` for the main frame, and `loadURL` rejects. */
  failLoad(code: number, description: string): void {
    const { url } = this;
    this.emitFromElectron('did-fail-load', { sender: this.view }, code, description, url, true, this.mainFrame.processId, this.mainFrame.routingId);
    this.pendingLoad?.reject(new Error(`${description} (${code}) loading '${url}'`));
    this.pendingLoad = null;
  }

  /** Emits an event as Electron would, and records it. */
  emitFromElectron(event: string, ...args: unknown[]): boolean {
    this.journal.record('event', `webContents:${event}`, args);
    return this.emit(event, ...args);
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** What every window needs from the rest of the double: the journal, and whether `ready` has fired. */
export interface WindowSurroundings {
  journal: Journal;
  isReady(): boolean;
}

let nextWindowId = 1;

/** The BrowserWindow class main imports: construction and the static methods recorded, instances handed out as their views. */
export function browserWindowClass(journal: Journal): typeof BrowserWindowDouble {
  return recorded('BrowserWindow', BrowserWindowDouble, journal, {
    offers: WINDOW_CLASS_API,
    instanceView: (window) => (window as BrowserWindowDouble).view,
  });
}

/** Electron's BrowserWindow. */
export class BrowserWindowDouble extends EventEmitter {
  /** Every window not yet destroyed, in the order they opened. */
  static readonly open: BrowserWindowDouble[] = [];
  static surroundings: WindowSurroundings | null = null;

  readonly id = nextWindowId++;
  readonly options: Record<string, unknown>;
  readonly view: BrowserWindowDouble;
  private readonly contents: WebContentsDouble;
  private visible = false;
  private destroyed = false;
  private maximized = false;
  private minimized = false;
  private bounds: Bounds;

  constructor(options: Record<string, unknown> = {}) {
    super();
    const surroundings = BrowserWindowDouble.surroundings;
    if (!surroundings) throw new Error('The electron double has not been set up.');
    if (!surroundings.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: number('x', 100), y: number('y', 100), width: number('width', 800), height: number('height', 600) };
    this.visible = options.show !== false;
    const path = `window${this.id}`;
    this.contents = new WebContentsDouble(surroundings.journal, this, `${path}.webContents`);
    this.view = recorded(path, this, surroundings.journal, { offers: WINDOW_API });
    BrowserWindowDouble.open.push(this);
  }

  static getAllWindows(): BrowserWindowDouble[] {
    return BrowserWindowDouble.open.map((window) => window.view);
  }

  static getFocusedWindow(): BrowserWindowDouble | null {
    return null;
  }

  static fromWebContents(contents: unknown): BrowserWindowDouble | null {
    return BrowserWindowDouble.open.find((window) => window.contents.view === contents || window.contents === contents)?.view ?? null;
  }

  get webContents(): WebContentsDouble {
    return this.contents.view;
  }

  /** The raw webContents, for the double's own use (the test's commands). */
  get rawContents(): WebContentsDouble {
    return this.contents;
  }

  /** Emits an event as Electron would, and records it. */
  emitFromElectron(event: string, ...args: unknown[]): boolean {
    BrowserWindowDouble.surroundings?.journal.record('event', `window:${event}`, args);
    return this.emit(event, ...args);
  }

  loadURL(url: string): Promise<void> {
    return this.contents.loadURL(url);
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
  }

  hide(): void {
    this.visible = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {}

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  maximize(): void {
    this.maximized = true;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  getBounds(): Bounds {
    return { ...this.bounds };
  }

  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }

  setBounds(bounds: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }

  setProgressBar(_progress: number): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    this.closeAsked();
  }

  /** Asks the window to close: `close` (which main may cancel), then `closed`. False when it was cancelled. */
  closeAsked(): boolean {
    if (this.destroyed) return true;
    const event = new PreventableEvent();
    this.emitFromElectron('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.contents.destroy();
    BrowserWindowDouble.open.splice(BrowserWindowDouble.open.indexOf(this), 1);
    this.emitFromElectron('closed');
  }
}
