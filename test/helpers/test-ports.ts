import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/api';
import type { Dialogs, Ports, SecretStore } from '../../main/core/ports';
import { MemorySecretStore } from './memory-secret-store';

/** An event core pushed, as a test saw it. */
export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

/** Answers the next dialogs in order; each resolves to null (cancel) once the list runs out. */
export class ScriptedDialogs implements Dialogs {
  readonly saveAnswers: Array<string | null> = [];
  readonly openAnswers: Array<string[] | null> = [];
  readonly folderAnswers: Array<string | null> = [];
  readonly asked: Array<{ kind: 'saveAs' | 'openFiles' | 'chooseFolder'; options: unknown }> = [];

  async saveAs(options: Parameters<Dialogs['saveAs']>[0]) {
    this.asked.push({ kind: 'saveAs', options });
    return this.saveAnswers.shift() ?? null;
  }

  async openFiles(options: Parameters<Dialogs['openFiles']>[0]) {
    this.asked.push({ kind: 'openFiles', options });
    return this.openAnswers.shift() ?? null;
  }

  async chooseFolder(options: Parameters<Dialogs['chooseFolder']>[0]) {
    this.asked.push({ kind: 'chooseFolder', options });
    return this.folderAnswers.shift() ?? null;
  }
}

/** Ports over a fresh temporary folder, recording what core asked of the desktop. */
export interface TestPorts extends Ports {
  root: string;
  dialogs: ScriptedDialogs;
  events: Ports['events'] & { recorded: RecordedEvent[] };
  notifications: Array<{ title: string; body: string }>;
  opened: { paths: string[]; revealed: string[]; urls: string[] };
  /** Removes the temporary folder. */
  cleanup(): void;
}

/** Builds ports for a test: real folders under the OS temp dir, in-memory secrets unless given. */
export function createTestPorts(options: { secrets?: SecretStore } = {}): TestPorts {
  const root = mkdtempSync(join(tmpdir(), 'export-manager-test-'));
  const paths = {
    dataDir: join(root, 'data'),
    tempDir: join(root, 'tmp'),
    downloadsDir: join(root, 'downloads'),
  };
  for (const dir of Object.values(paths)) mkdirSync(dir, { recursive: true });
  const recorded: RecordedEvent[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const opened = { paths: [] as string[], revealed: [] as string[], urls: [] as string[] };
  return {
    root,
    paths,
    secrets: options.secrets ?? new MemorySecretStore(),
    dialogs: new ScriptedDialogs(),
    notifier: { notify: (n) => notifications.push(n), progress: () => {} },
    shell: {
      showInFolder: (path) => opened.revealed.push(path),
      openPath: async (path) => void opened.paths.push(path),
      openExternal: async (url) => void opened.urls.push(url),
    },
    events: {
      recorded,
      emit<E extends EventName>(name: E, payload: EventPayload<E>) {
        recorded.push({ name, payload });
      },
    },
    notifications,
    opened,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
