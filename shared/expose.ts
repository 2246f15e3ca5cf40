import { eventNames, isEventName, methodNames } from './api';
import type { EventName, ExportManagerApi, MethodName } from './api';
import type { FileRef } from './api/file-ref';
import type { Result } from './errors';

/** Sends one call across a transport (IPC or the test bridge). */
export type Invoke = (name: MethodName, payload: unknown) => Promise<Result<unknown>>;
/** Subscribes to one pushed event across a transport; returns the unsubscribe. */
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.exportManager` from the method list: one named function per method,
 * grouped by namespace (`exportManager.app.info()`), never a generic `invoke(channel)`.
 * Used by the preload (IPC) and by the test bridge's page script (HTTP).
 */
export function buildExportManagerApi(
  invoke: Invoke,
  subscribe: Subscribe,
  droppedFile: (file: object) => Promise<FileRef | null> = async () => null,
): ExportManagerApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    const [namespace, fn] = name.split('.') as [string, string];
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[fn] = (payload?: unknown) => invoke(name, payload);
  }
  api.on = (name: string, listener: (payload: unknown) => void) => {
    if (!isEventName(name)) throw new TypeError(`Unknown event "${name}". Known: ${eventNames.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    return subscribe(name, listener);
  };
  api.droppedFile = (file: object) => droppedFile(file);
  return api as unknown as ExportManagerApi;
}

/** The IPC channel on which the preload hands main the path of a file dropped on the window. */
export const DROPPED_FILE_CHANNEL = 'export-manager:dropped-file';

/** The IPC channel of a method; derived, so no channel name is written by hand. */
export function ipcChannel(name: MethodName | EventName): string {
  return `export-manager:${name}`;
}
