import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialogs, DesktopShell, Notifier, Paths } from '../../main/core/ports';

/** What the page asked of the desktop, for tests to read back through the bridge. */
export interface DesktopLog {
  notifications: Array<{ title: string; body: string }>;
  progress: Array<number | null>;
  revealed: string[];
  openedPaths: string[];
  openedUrls: string[];
  dialogs: Array<{ kind: string; options: unknown }>;
}

/** Answers queued by a test for the next dialogs; an empty queue accepts the default. */
export interface DialogAnswers {
  saveAs: Array<string | null>;
  openFiles: Array<string[] | null>;
  chooseFolder: Array<string | null>;
}

/** Folders under one root, created on the spot. */
export function bridgePaths(root: string): Paths {
  const paths = { dataDir: join(root, 'data'), tempDir: join(root, 'tmp'), downloadsDir: join(root, 'downloads') };
  for (const dir of Object.values(paths)) mkdirSync(dir, { recursive: true });
  return paths;
}

/**
 * Dialogs for a browser page: there are no native dialogs, so a test queues answers, and
 * with none queued a save or folder dialog accepts its default (handy in dev:browser).
 */
export function bridgeDialogs(answers: DialogAnswers, log: DesktopLog): Dialogs {
  return {
    async saveAs(options) {
      log.dialogs.push({ kind: 'saveAs', options });
      return answers.saveAs.length ? (answers.saveAs.shift() ?? null) : options.defaultPath;
    },
    async openFiles(options) {
      log.dialogs.push({ kind: 'openFiles', options });
      return answers.openFiles.length ? (answers.openFiles.shift() ?? null) : null;
    },
    async chooseFolder(options) {
      log.dialogs.push({ kind: 'chooseFolder', options });
      return answers.chooseFolder.length ? (answers.chooseFolder.shift() ?? null) : (options.defaultPath ?? null);
    },
  };
}

/** Notifications and progress, recorded instead of shown. */
export function bridgeNotifier(log: DesktopLog): Notifier {
  return {
    notify: (notification) => void log.notifications.push(notification),
    progress: (fraction) => void log.progress.push(fraction),
  };
}

/** The desktop shell, recorded instead of acted on (a headless machine has no file manager). */
export function bridgeShell(log: DesktopLog): DesktopShell {
  return {
    showInFolder: (path) => void log.revealed.push(path),
    openPath: async (path) => void log.openedPaths.push(path),
    openExternal: async (url) => void log.openedUrls.push(url),
  };
}

/** An empty log. */
export function emptyDesktopLog(): DesktopLog {
  return { notifications: [], progress: [], revealed: [], openedPaths: [], openedUrls: [], dialogs: [] };
}
