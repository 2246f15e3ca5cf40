/**
 * How the built main copes when start-up does not go to plan, booted under Node with the
 * electron double (see boot.test.ts for what that proves and what it cannot): a relative data
 * folder, a keychain that never answers, a data folder that cannot be made, and a page that
 * does not load. In each case the person must get a window or a dialog that says what to do,
 * never an app that silently waits or vanishes.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { ipcChannel } from '../../../shared/expose';
import type { MainProcess } from '../../helpers/electron-double/launch';
import { bootLayout, exitWithin, untilPageLoads } from './boot-main';
import { callsTo, firstCallTo, firstEvent, problems } from './journal-queries';
import { checkoutLayout } from './layouts';
import type { AppLayout } from './layouts';

let layout: AppLayout;
let main: MainProcess | null = null;
let scratch: string;

beforeAll(() => {
  layout = checkoutLayout();
  scratch = mkdtempSync(join(tmpdir(), 'export-manager-start-up-'));
});

afterEach(async () => {
  await main?.stop();
  main = null;
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  layout.cleanup?.();
});

describe('the data folder', () => {
  it('resolves a relative EXPORT_MANAGER_USER_DATA against the working folder and creates it before setting userData', async () => {
    main = bootLayout(layout, { env: { EXPORT_MANAGER_USER_DATA: join('relative', 'state') } });
    await untilPageLoads(main);
    const expected = join(main.root, 'relative', 'state');
    expect(firstCallTo(main.journal(), 'app.setPath').args).toEqual(['userData', expected]);
    expect(statSync(expected).isDirectory()).toBe(true);
    const info = await main.command({ type: 'invoke', channel: ipcChannel('app.info'), args: [undefined], sender: { frame: 'main' } });
    expect(info).toMatchObject({ ok: true, value: { dataDir: expected } });
  });

  it('that cannot be made shows an error box that says what to do, then exits non-zero', async () => {
    const aFile = join(scratch, 'a-file');
    writeFileSync(aFile, 'not a folder');
    const impossible = join(aFile, 'state');
    main = bootLayout(layout, { env: { EXPORT_MANAGER_USER_DATA: impossible } });
    const [title, message] = await errorBoxThenExit(main);
    expect(title).toMatch(/Export Manager/);
    expect(message).toContain(impossible);
    expect(message).toContain('EXPORT_MANAGER_USER_DATA');
  });

  it('whose database cannot be opened shows an error box that says what to do, then exits non-zero', async () => {
    const state = join(scratch, 'database-is-a-folder');
    mkdirSync(join(state, DATABASE_FILE), { recursive: true });
    main = bootLayout(layout, { env: { EXPORT_MANAGER_USER_DATA: state } });
    const [title, message] = await errorBoxThenExit(main);
    expect(title).toMatch(/Export Manager/);
    expect(message).toContain(join(state, DATABASE_FILE));
    expect(message).toMatch(/check|point|unset|reinstall|try again|move it away/i);
  });
});

/**
 * Drives a main that cannot start (firing `ready` if it gets that far) and returns the title
 * and message of its error box, once it has exited non-zero after showing it, with no window.
 */
async function errorBoxThenExit(main: MainProcess): Promise<[string, string]> {
  await main.waitFor('main has run its first lines or exited', (entry) => entry.api === 'main:loaded' || entry.api === 'process:exit');
  if (!firstEvent(main.journal(), 'process:exit')) await main.command({ type: 'ready' }).catch(() => undefined);
  const exit = await exitWithin(main, 10_000);
  expect(exit.code).not.toBe(0);
  const journal = main.journal();
  const errorBox = firstCallTo(journal, 'dialog.showErrorBox');
  expect(errorBox.seq).toBeLessThan(firstEvent(journal, 'process:exit')?.seq ?? Infinity);
  expect(journal.filter((entry) => entry.kind === 'new' && entry.api === 'BrowserWindow')).toEqual([]);
  return errorBox.args as [string, string];
}

describe('a Secret Service that never answers', () => {
  let bus: Server;
  const sockets = new Set<Socket>();
  let busPath: string;

  beforeAll(async () => {
    busPath = join(scratch, 'silent-bus');
    // Accepts every connection and never says a word: the D-Bus handshake waits forever.
    bus = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => bus.listen(busPath, resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => bus.close(() => resolve()));
  });

  it('does not hold the window back: it is made and loads its page within 1.5 s of ready', async () => {
    main = bootLayout(layout, { env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${busPath}` } });
    await untilPageLoads(main);
    const journal = main.journal();
    const ready = firstEvent(journal, 'app:ready')!;
    const created = journal.find((entry) => entry.kind === 'new' && entry.api === 'BrowserWindow')!;
    const loading = firstCallTo(journal, 'window.loadURL');
    expect(created.ms - ready.ms).toBeLessThan(1500);
    expect(loading.ms - ready.ms).toBeLessThan(1500);
  }, 30_000);
});

describe('a page that does not load', () => {
  it('shows the window with a message saying what failed, and offers to try again', async () => {
    main = bootLayout(layout);
    await untilPageLoads(main);
    await main.command({ type: 'page-load', outcome: 'fail', code: -6, description: 'ERR_FILE_NOT_FOUND' });
    const failed = firstEvent(main.journal(), 'webContents:did-fail-load')!;
    const shown = await main.waitFor('the window is shown', (entry) => entry.kind === 'call' && /^window\d+\.show$/.test(entry.api));
    expect(shown.seq).toBeGreaterThan(failed.seq);
    const told = await main.waitFor('a message about the failed page', (entry) => entry.kind === 'call' && entry.api === 'dialog.showMessageBox');
    expect(JSON.stringify(told.args)).toMatch(/ERR_FILE_NOT_FOUND/);
    // The double answers with the default button, "Try again": the page is asked for again.
    await main.waitFor('the page is loaded again', (entry) => entry.seq > told.seq && entry.kind === 'call' && /^window\d+\.loadURL$/.test(entry.api));
    expect(callsTo(main.journal(), 'window.loadURL').map((entry) => entry.args[0])).toEqual(['app://export-manager/index.html', 'app://export-manager/index.html']);
  });

  it('leaves no promise rejection unhandled (Electron’s loadURL rejects when the page fails)', async () => {
    main = bootLayout(layout);
    await untilPageLoads(main);
    await main.command({ type: 'page-load', outcome: 'fail', code: -6, description: 'ERR_FILE_NOT_FOUND' });
    await main.waitFor('a message about the failed page', (entry) => entry.kind === 'call' && entry.api === 'dialog.showMessageBox');
    await main.command({ type: 'settle' });
    expect(problems(main.journal())).toEqual([]);
  });
});
