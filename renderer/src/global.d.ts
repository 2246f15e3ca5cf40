import type { ExportManagerApi } from '../../shared/api';

declare global {
  interface Window {
    /** The only door to main: defined by the preload (Electron) or the test bridge (browser). */
    readonly exportManager: ExportManagerApi;
  }
}

export {};
