import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames } from '../../shared/api';
import type { ApiHandlers, EventName, EventPayload } from '../../shared/api';
import { ipcChannel } from '../../shared/expose';

/**
 * Registers every method of shared/api.ts on ipcMain. Payloads are validated by the API
 * (createApi); here only the sender is checked: calls from anything but the main frame of the
 * app's window at the app's own origin are refused.
 */
export function registerIpc(api: ApiHandlers, isTrusted: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { kind: 'validation', message: 'This window may not call Export Manager.' } };
      }
      return api[name](payload);
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Sends a pushed event to one window. */
export function sendEvent<E extends EventName>(target: WebContents, name: E, payload: EventPayload<E>): void {
  if (!target.isDestroyed()) target.send(ipcChannel(name), payload);
}
