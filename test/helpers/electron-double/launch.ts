import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOUBLE_CONFIG_ENV } from './config';
import type { DoubleConfig } from './config';
import type { ControlCommand, ControlReply, QuitFinishedNotice } from './control-protocol';
import { readJournal } from './journal';
import type { JournalEntry } from './journal';

/**
 * The test's end: runs a built main bundle under Node with the electron double in a child
 * process, in a sandbox folder of its own (HOME, TMPDIR and the journal inside it), and drives
 * it over the control channel.
 */

const LAUNCHER = fileURLToPath(new URL('./launcher.mjs', import.meta.url));

/** How to start main. */
export interface LaunchOptions {
  /** The built main bundle. */
  mainScript: string;
  /** The app's folder (its package.json): the checkout, or the extracted app.asar. */
  appPath: string;
  /** Run as a packaged app with this resources folder. */
  packaged?: { resourcesPath: string };
  /** Environment on top of a bare one (PATH, and HOME and TMPDIR in the sandbox); a function gets the sandbox folder. */
  env?: Record<string, string> | ((root: string) => Record<string, string>);
  /** Arguments Electron would pass main (after the app path when unpackaged). */
  args?: string[];
  /** Electron's own flags before the app path (`electron --inspect=0 .`), unpackaged only. */
  electronFlags?: string[];
  /** The working directory (default: the sandbox). */
  cwd?: string;
}

/** The exit of the child. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running main process. */
export interface MainProcess {
  /** The sandbox folder: HOME is `home/`, TMPDIR `tmp/`; removed by `stop`. */
  root: string;
  /** Runs one command in the child; rejects with the child's error message. */
  command(command: ControlCommand): Promise<unknown>;
  /** Every journal entry so far. */
  journal(): JournalEntry[];
  /** The first entry that satisfies `test`, waiting for it up to `timeoutMs`. */
  waitFor(what: string, test: (entry: JournalEntry) => boolean, timeoutMs?: number): Promise<JournalEntry>;
  /** Settles when the child has exited. */
  exited: Promise<Exit>;
  /** Settles when the quit sequence has ended (with what still kept the process alive then). */
  quitFinished: Promise<QuitFinishedNotice>;
  /** What the child printed, stdout and stderr together. */
  output(): string;
  /** Kills the child if it still runs (SIGKILL after 2 s of SIGTERM) and removes the sandbox. */
  stop(): Promise<void>;
}

/** Starts main in a child process (it loads main at once; `ready` waits for the test's command). */
export function launchMain(options: LaunchOptions): MainProcess {
  const root = mkdtempSync(join(tmpdir(), 'export-manager-shell-'));
  const home = join(root, 'home');
  const tmp = join(root, 'tmp');
  mkdirSync(home);
  mkdirSync(tmp);
  const journalFile = join(root, 'journal.jsonl');
  const config: DoubleConfig = {
    journalFile,
    mainScript: options.mainScript,
    appPath: options.appPath,
    packaged: options.packaged,
    args: options.args,
    electronFlags: options.electronFlags,
  };
  const child: ChildProcess = fork(LAUNCHER, [], {
    cwd: options.cwd ?? root,
    execArgv: [],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TMPDIR: tmp,
      ...(typeof options.env === 'function' ? options.env(root) : options.env),
      [DOUBLE_CONFIG_ENV]: JSON.stringify(config),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Structured clone, so an `undefined` payload crosses as undefined (JSON would make it null).
    serialization: 'advanced',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let quitFinished: (notice: QuitFinishedNotice) => void = () => undefined;
  const quitFinishedPromise = new Promise<QuitFinishedNotice>((resolve) => (quitFinished = resolve));
  child.on('message', (message: ControlReply | QuitFinishedNotice) => {
    if ('type' in message) return quitFinished(message);
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error));
  });
  void exited.then((exit) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`main exited (${exit.code ?? exit.signal}) before answering:\n${output}`));
    pending.clear();
  });

  return {
    root,
    command(command) {
      if (!child.connected) return Promise.reject(new Error(`main's control channel is closed:\n${output}`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...command, id });
      });
    },
    journal: () => readJournal(journalFile),
    async waitFor(what, test, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = readJournal(journalFile).find(test);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null || performance.now() > deadline) {
          throw new Error(`main never did this: ${what}. It printed:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    exited,
    quitFinished: quitFinishedPromise,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
