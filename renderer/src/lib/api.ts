import type { ExportManagerApi } from '../../../shared/api';

/** The app's only connection to main (see global.d.ts). */
export function exportManager(): ExportManagerApi {
  return window.exportManager;
}
