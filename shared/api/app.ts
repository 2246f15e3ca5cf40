import { z } from 'zod';
import { event, method } from '../contract';
import { refId } from './file-ref';

/** What the app tells about itself. */
export interface AppInfo {
  name: string;
  version: string;
  /** `process.platform` of main: win32, darwin, linux. */
  platform: string;
  /** Base URL of the built-in sample backend, or null while it is not running. */
  sampleBackendUrl: string | null;
  /** A large sample export (a zip of 512 MiB) for trying progress and cancel; null while the sample backend is not running. */
  sampleLargeExportUrl: string | null;
  /** Where the app keeps its state. */
  dataDir: string;
}

/** What the application menu asks the window to do (the same commands as its keyboard shortcuts). */
export type AppCommand = 'open-zip' | 'filter' | 'download' | 'remove-selected' | 'settings' | 'shortcuts';

/** Methods about the app itself. */
export const appMethods = {
  'app.info': method<AppInfo>()(z.undefined()),
  /** Opens an http(s) URL in the default browser; any other scheme is refused. */
  'app.openExternal': method<null>()(
    z.object({ url: z.string().max(8192).regex(/^https?:\/\//i, 'Only http and https links can be opened.') }),
  ),
  /** Shows a file or folder main handed out (by its id) in the system file manager: a file selected in its folder, a folder opened. */
  'app.showInFolder': method<null>()(z.object({ id: refId })),
} as const;

/** Events about the app itself. */
export const appEvents = {
  /**
   * A deep link or a file handed to the app from outside (export-manager://, a zip opened with
   * the app); a file comes with the id to act on it.
   */
  'app.opened': event<{ kind: 'deep-link'; value: string } | { kind: 'file'; value: string; fileId: string }>(),
  /** A menu item was chosen (or its accelerator pressed): the window runs the command. */
  'app.command': event<{ command: AppCommand }>(),
} as const;
