/**
 * Side effects that differ between Electron, the command line and tests. Core receives
 * them and never imports an implementation; `main/electron/` implements them for the app,
 * `main/cli.ts` and `test/helpers/` in a few lines each.
 */
import type { EventName, EventPayload } from '../../shared/api';
import type { SecretStore } from './secrets/secret-store';
import type { ProxyResolver } from './http/network/proxy-resolver';
export type { ProxyResolver };

export type { SecretStore };

/** Where state and temporary files live. */
export interface Paths {
  /** The app's data folder (database, settings). */
  dataDir: string;
  /** A folder for partial downloads and other temporary files. */
  tempDir: string;
  /** The user's Downloads folder: the default place to save. */
  downloadsDir: string;
}

/** A file type offered in a dialog. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs. Each resolves to null when the user cancels. */
export interface Dialogs {
  saveAs(options: { title?: string; defaultPath: string; filters?: FileFilter[] }): Promise<string | null>;
  openFiles(options: { title?: string; filters?: FileFilter[]; multiple?: boolean }): Promise<string[] | null>;
  chooseFolder(options: { title?: string; defaultPath?: string }): Promise<string | null>;
}

/** Notifications and the taskbar/dock progress. */
export interface Notifier {
  /** Shows a system notification. */
  notify(notification: { title: string; body: string }): void;
  /** Sets the taskbar/dock progress: 0..1, or null to clear it. */
  progress(fraction: number | null): void;
}

/** The desktop: file manager, default apps, browser. */
export interface DesktopShell {
  /** Reveals a file in the system file manager. */
  showInFolder(path: string): void;
  /** Opens a file with the system's default app. */
  openPath(path: string): Promise<void>;
  /** Opens an http(s) URL in the default browser; other schemes are refused. */
  openExternal(url: string): Promise<void>;
}

/** Pushes events to whoever listens (the window over IPC, the bridge over SSE). */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** Everything core receives from its host. */
export interface Ports {
  paths: Paths;
  secrets: SecretStore;
  dialogs: Dialogs;
  notifier: Notifier;
  shell: DesktopShell;
  events: EventSink;
  /** The system's proxy settings (PAC, WPAD) for a URL; absent: System mode goes direct. */
  proxyResolver?: ProxyResolver;
}
