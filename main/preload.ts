/**
 * The preload: exposes `window.exportManager`, built from the method list in shared/api.ts,
 * through contextBridge. Bundled as CommonJS because sandboxed preloads cannot load ESM.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { FileRef } from '../shared/api/file-ref';
import { buildExportManagerApi, DROPPED_FILE_CHANNEL, ipcChannel } from '../shared/expose';
import type { Result } from '../shared/errors';

/** The path of a dropped DOM `File`; empty for anything else (a page cannot make a File that has one). */
function pathOf(file: object): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
}

const exportManager = buildExportManagerApi(
  (name, payload) => ipcRenderer.invoke(ipcChannel(name), payload) as Promise<Result<unknown>>,
  (name, listener) => {
    // The renderer never sees the IpcRendererEvent (it carries the sender).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannel(name), forward);
    return () => void ipcRenderer.removeListener(ipcChannel(name), forward);
  },
  // Electron no longer puts `path` on dropped File objects; webUtils reads it here, and main
  // grants the id. The page never sees the path, and cannot make a File that has one.
  async (file) => {
    const path = pathOf(file);
    return path ? ((await ipcRenderer.invoke(DROPPED_FILE_CHANNEL, path)) as FileRef | null) : null;
  },
);

contextBridge.exposeInMainWorld('exportManager', exportManager);
