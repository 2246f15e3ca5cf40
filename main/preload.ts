/**
 * The preload: exposes `window.exportManager`, built from the method list in shared/api.ts,
 * through contextBridge. Bundled as CommonJS because sandboxed preloads cannot load ESM.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildExportManagerApi, ipcChannel } from '../shared/expose';
import type { Result } from '../shared/errors';

const exportManager = buildExportManagerApi(
  (name, payload) => ipcRenderer.invoke(ipcChannel(name), payload) as Promise<Result<unknown>>,
  (name, listener) => {
    // The renderer never sees the IpcRendererEvent (it carries the sender).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannel(name), forward);
    return () => void ipcRenderer.removeListener(ipcChannel(name), forward);
  },
  // Electron no longer puts `path` on dropped File objects; webUtils reads it in the preload.
  (file) => {
    try {
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },
);

contextBridge.exposeInMainWorld('exportManager', exportManager);
