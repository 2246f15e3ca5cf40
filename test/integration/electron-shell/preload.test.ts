/**
 * The BUILT preload (dist-electron/preload.cjs) run as Electron runs a sandboxed preload, in
 * a fresh `vm` context whose only way out is a `require` that serves what the sandbox serves:
 * `electron` (the double's contextBridge, ipcRenderer and webUtils), `events`, `timers` and
 * `url`; any other module throws. The context has no `process` and no `Buffer` (Electron's
 * sandbox offers a cut-down `process` and `Buffer`; the preload must need neither), so a
 * bundle that reached for Node would fail here as it would in the window.
 *
 * It proves what the page gets (`window.exportManager`, exactly the contract) and how it
 * crosses to main (the derived IPC channels, payloads only). It cannot prove Chromium's
 * context isolation: that contextBridge copies the object into the page's world.
 */
import * as events from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventNames, methodNames } from '../../../shared/api';
import { DROPPED_FILE_CHANNEL, ipcChannel } from '../../../shared/expose';
import { createPreloadElectron } from '../../helpers/electron-double/renderer-side';
import type { PreloadElectron } from '../../helpers/electron-double/renderer-side';
import { repoRoot } from './layouts';

const PRELOAD = join(repoRoot, 'dist-electron', 'preload.cjs');

/** The modules Electron's sandbox gives a preload's `require`, besides `electron`. */
const SANDBOX_MODULES = new Map<string, unknown>([
  ['events', events],
  ['timers', timers],
  ['url', url],
]);

/** Runs the preload bundle's `source` as a sandboxed preload against `electron`; returns what it required. */
function runPreload(source: string, electron: PreloadElectron): string[] {
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron.electron;
    if (SANDBOX_MODULES.has(name)) return SANDBOX_MODULES.get(name);
    throw new Error(`module not found: ${name} (a sandboxed preload can require only electron, events, timers and url)`);
  };
  const context = createContext({});
  const wrapped = runInContext(`(function (exports, require, module) {${source}\n})`, context, { filename: PRELOAD }) as (
    exports: object,
    require: (name: string) => unknown,
    module: { exports: object },
  ) => void;
  const module = { exports: {} };
  wrapped(module.exports, sandboxRequire, module);
  return required;
}

/** The contract as the page must see it: every namespace with its methods, plus `on` and `droppedFile`. */
function expectedShape(): Record<string, string[] | 'function'> {
  const shape: Record<string, string[] | 'function'> = { on: 'function', droppedFile: 'function' };
  for (const name of methodNames) {
    const [namespace, method] = name.split('.') as [string, string];
    (shape[namespace] ??= [] as string[]);
    (shape[namespace] as string[]).push(method);
  }
  for (const value of Object.values(shape)) if (Array.isArray(value)) value.sort();
  return shape;
}

/** What an exposed object looks like: each key's methods (all must be functions), or 'function'. */
function shapeOf(api: Record<string, unknown>): Record<string, string[] | 'function' | string> {
  return Object.fromEntries(
    Object.entries(api).map(([key, value]) => {
      if (typeof value === 'function') return [key, 'function'];
      if (typeof value !== 'object' || value === null) return [key, typeof value];
      const members = Object.entries(value as Record<string, unknown>);
      const notFunctions = members.filter(([, member]) => typeof member !== 'function').map(([member]) => member);
      return [key, notFunctions.length ? `not functions: ${notFunctions.join(', ')}` : members.map(([member]) => member).sort()];
    }),
  );
}

type ExposedApi = Record<string, Record<string, (payload?: unknown) => Promise<unknown>>> & {
  on(name: string, listener: (...args: unknown[]) => void): () => void;
  droppedFile(file: object): Promise<unknown>;
};

describe('the built preload in a sandbox-like context', () => {
  let electron: PreloadElectron;
  let exposed: ExposedApi;
  let required: string[];
  let source: string;

  beforeAll(() => {
    source = readFileSync(PRELOAD, 'utf8');
  });

  beforeEach(() => {
    electron = createPreloadElectron();
    required = runPreload(source, electron);
    exposed = electron.mainWorld.exportManager as ExposedApi;
  });

  it('needs nothing but electron (and the modules the sandbox offers)', () => {
    expect(required.filter((name) => name !== 'electron' && !SANDBOX_MODULES.has(name))).toEqual([]);
    expect(required).toContain('electron');
  });

  it('exposes exactly window.exportManager: the contract’s namespaces and methods, on and droppedFile, all functions', () => {
    expect(Object.keys(electron.mainWorld)).toEqual(['exportManager']);
    expect(electron.journal.entries.filter((entry) => entry.api === 'contextBridge.exposeInMainWorld')).toHaveLength(1);
    expect(shapeOf(exposed as unknown as Record<string, unknown>)).toEqual(expectedShape());
  });

  it('sends each method over ipcRenderer.invoke on its derived channel, with the payload, and hands back the answer', async () => {
    electron.answerInvoke((channel, args) => ({ ok: true, value: { channel, args } }));
    for (const name of methodNames) {
      const [namespace, method] = name.split('.') as [string, string];
      const payload = { probe: name };
      expect(await exposed[namespace]![method]!(payload)).toEqual({ ok: true, value: { channel: ipcChannel(name), args: [payload] } });
    }
    const invokes = electron.journal.entries.filter((entry) => entry.api === 'ipcRenderer.invoke').map((entry) => entry.args[0]);
    expect(invokes).toEqual(methodNames.map((name) => ipcChannel(name)));
  });

  it('hands an event listener only the payload, never the IpcRendererEvent, until it stops listening', () => {
    const name = eventNames[0]!;
    const calls: unknown[][] = [];
    const stop = exposed.on(name, (...args) => calls.push(args));
    expect(electron.listenerCount(ipcChannel(name))).toBe(1);
    electron.push(ipcChannel(name), { step: 1 });
    expect(calls).toEqual([[{ step: 1 }]]);
    stop();
    expect(electron.listenerCount(ipcChannel(name))).toBe(0);
    electron.push(ipcChannel(name), { step: 2 });
    expect(calls).toEqual([[{ step: 1 }]]);
  });

  it('refuses to listen to an event the contract does not have, or without a listener', () => {
    // The errors come from the context's own realm, so they are matched by message, not by class.
    expect(() => exposed.on('ipc.anything', () => undefined)).toThrow(/Unknown event "ipc\.anything"/);
    expect(() => exposed.on(eventNames[0]!, 'not a function' as unknown as () => void)).toThrow(/listener must be a function/);
    expect(electron.journal.entries.filter((entry) => entry.api === 'ipcRenderer.on')).toEqual([]);
  });

  it('hands main the path of a file dropped from disk, and sends nothing for a file that has none', async () => {
    electron.answerInvoke((channel, args) => (channel === DROPPED_FILE_CHANNEL ? { id: 'f1', path: args[0], name: 'a.zip' } : null));
    expect(await exposed.droppedFile(electron.droppedFile('/home/someone/a.zip'))).toEqual({ id: 'f1', path: '/home/someone/a.zip', name: 'a.zip' });
    expect(await exposed.droppedFile(electron.droppedFile())).toBeNull();
    expect(await exposed.droppedFile({ name: 'made up by the page' })).toBeNull();
    const invokes = electron.journal.entries.filter((entry) => entry.api === 'ipcRenderer.invoke').map((entry) => entry.args);
    expect(invokes).toEqual([[DROPPED_FILE_CHANNEL, '/home/someone/a.zip']]);
  });
});
