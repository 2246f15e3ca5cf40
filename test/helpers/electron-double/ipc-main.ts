import { EventEmitter } from 'node:events';
import { EMITTER_API } from './recorded';

/** An invoke handler as `ipcMain.handle` takes it. */
export type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** What main may use of `ipcMain` (anything else throws). */
export const IPC_MAIN_API = [...EMITTER_API, 'handle', 'handleOnce', 'removeHandler'];

/**
 * Electron's `ipcMain`: one handler a channel (a second `handle` throws, as in Electron), kept
 * so the test can invoke a channel with an event it builds (a main frame, an iframe, no frame).
 */
export class IpcMainDouble extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Runs a channel's handler as Electron does for `ipcRenderer.invoke`: a thrown error rejects the call. */
  async invoke(channel: string, event: unknown, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}
