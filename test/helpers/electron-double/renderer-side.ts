import { EventEmitter } from 'node:events';
import { Journal } from './journal';
import { EMITTER_API, recorded } from './recorded';

/**
 * The part of `electron` a sandboxed preload gets: contextBridge, ipcRenderer and webUtils,
 * recorded and strict like the main-process double, in the test's own process (the journal
 * stays in memory). What the preload exposes lands in `mainWorld`, the page's `window` as far
 * as the test is concerned; what main would push arrives through `push`.
 */

/** What the preload may use of `ipcRenderer` (anything else throws). */
const IPC_RENDERER_API = [...EMITTER_API, 'invoke'];

/** Electron's `ipcRenderer`: `invoke` answers what the test set; pushed events reach `on` listeners with an event first. */
class IpcRendererDouble extends EventEmitter {
  answer: (channel: string, args: unknown[]) => unknown = (channel, args) => ({ ok: true, value: { channel, args } });

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.answer(channel, args);
  }
}

/** Electron's `contextBridge`: what the preload exposes, kept as the page would see it. */
class ContextBridgeDouble {
  constructor(private readonly mainWorld: Record<string, unknown>) {}

  exposeInMainWorld(key: string, api: unknown): void {
    if (key in this.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.mainWorld[key] = api;
  }
}

/** Electron's `webUtils`: the path of a File the test made "from disk", '' for a File that has none, a TypeError for anything else. */
class WebUtilsDouble {
  constructor(private readonly filesOnDisk: WeakMap<object, string>, private readonly files: WeakSet<object>) {}

  getPathForFile(file: unknown): string {
    if (typeof file !== 'object' || file === null || !this.files.has(file)) throw new TypeError('Error processing argument at index 0, conversion failure from');
    return this.filesOnDisk.get(file) ?? '';
  }
}

/** A preload's view of Electron, and the test's handles on it. */
export interface PreloadElectron {
  /** The modules `require('electron')` gives the preload. */
  electron: { contextBridge: object; ipcRenderer: object; webUtils: object };
  /** What the preload exposed with contextBridge, by key. */
  mainWorld: Record<string, unknown>;
  journal: Journal;
  /** Sets what `ipcRenderer.invoke` answers. */
  answerInvoke(answer: (channel: string, args: unknown[]) => unknown): void;
  /** Pushes an event as main's `webContents.send(channel, payload)` would: listeners get (event, payload). */
  push(channel: string, payload: unknown): void;
  /** How many listeners the preload has on `channel`. */
  listenerCount(channel: string): number;
  /** A DOM File as a drop hands it over: from disk when `path` is given. */
  droppedFile(path?: string): object;
}

/** Builds a fresh renderer-side double. */
export function createPreloadElectron(): PreloadElectron {
  const journal = new Journal(null);
  const mainWorld: Record<string, unknown> = {};
  const ipcRenderer = new IpcRendererDouble();
  const filesOnDisk = new WeakMap<object, string>();
  const files = new WeakSet<object>();
  return {
    electron: {
      contextBridge: recorded('contextBridge', new ContextBridgeDouble(mainWorld), journal, { offers: ['exposeInMainWorld'] }),
      ipcRenderer: recorded('ipcRenderer', ipcRenderer, journal, { offers: IPC_RENDERER_API }),
      webUtils: recorded('webUtils', new WebUtilsDouble(filesOnDisk, files), journal, { offers: ['getPathForFile'] }),
    },
    mainWorld,
    journal,
    answerInvoke: (answer) => {
      ipcRenderer.answer = answer;
    },
    push: (channel, payload) => {
      ipcRenderer.emit(channel, { sender: ipcRenderer, senderId: 0, ports: [] }, payload);
    },
    listenerCount: (channel) => ipcRenderer.listenerCount(channel),
    droppedFile: (path) => {
      const file = { name: path?.split('/').pop() ?? 'pasted.txt' };
      files.add(file);
      if (path) filesOnDisk.set(file, path);
      return file;
    },
  };
}
