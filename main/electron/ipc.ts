import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames } from '../../shared/api';
import type { ApiHandlers, EventName, EventPayload } from '../../shared/api';
import type { FileRef } from '../../shared/api/file-ref';
import { DROPPED_FILE_CHANNEL, ipcChannel } from '../../shared/expose';

/**
 * Registers every method of shared/api.ts on ipcMain. Payloads are validated by the API
 * (createApi); here only the sender is checked: calls from anything but the main frame of the
 * app's window at the app's own origin are refused.
 */
export function registerIpc(
  api: ApiHandlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  droppedFile: (path: unknown) => Promise<FileRef | null>,
): () => void {
  // Only the preload sends here (the page has no ipcRenderer): the path of a file dropped on the window.
  ipcMain.handle(DROPPED_FILE_CHANNEL, (event, path: unknown) => (isTrusted(event) ? droppedFile(path) : null));
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { kind: 'state', message: 'This window may not call Export Manager.' } };
      }
      return api[name](payload);
    });
  }
  return () => {
    ipcMain.removeHandler(DROPPED_FILE_CHANNEL);
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Sends a pushed event to one window. */
export function sendEvent<E extends EventName>(target: WebContents, name: E, payload: EventPayload<E>): void {
  if (!target.isDestroyed()) target.send(ipcChannel(name), payload);
}
