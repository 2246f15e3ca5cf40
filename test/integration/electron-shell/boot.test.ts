/**
 * The desktop shell, booted for real under Node: the BUILT main bundle (dist-electron/main.js)
 * runs in a child process with a recording double of `electron` (test/helpers/electron-double/),
 * against the real core, the real sample backend on 127.0.0.1, the real database and the
 * real built renderer files, laid out as in the checkout (`npm start`) and as in a packaged
 * app's resources (app.asar).
 *
 * What it proves: the start-up order Electron imposes (what must happen before `ready`, and
 * that nothing needing `ready` runs before it); the wiring (the app:// handler and every IPC
 * channel of the contract registered before the page loads, the window's security options
 * and preload, the sender check on real calls into core); that app:// serves the built files
 * with their types and CSP and refuses everything else; that quitting closes core so the
 * process ends by itself; and, packaged, that the addons and the archive worker are found
 * where Electron can load them (app.asar.unpacked).
 *
 * What it cannot prove: anything of the real Electron binary. No Chromium runs, so the page's
 * scripts never execute, the sandbox, context isolation and the CSP are not enforced, and
 * the double answers for the platform (displays, dialogs, the single-instance lock). Those
 * are the `electron` Playwright project's, where the binary exists.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/content-security-policy';
import { methodNames } from '../../../shared/api';
import { DROPPED_FILE_CHANNEL, ipcChannel } from '../../../shared/expose';
import type { ProtocolAnswer, SenderFrameChoice } from '../../helpers/electron-double/control-protocol';
import type { MainProcess } from '../../helpers/electron-double/launch';
import { writeZip } from '../../helpers/zip-fixtures';
import { bootLayout, exitWithin, untilPageLoads, userDataOf } from './boot-main';
import { callsTo, firstCallTo, problems, usesBeforeReady } from './journal-queries';
import { checkoutLayout, pageAssets } from './layouts';
import type { AppLayout } from './layouts';
import { packagedLayout } from './packaged-layout';

const APP_INDEX = 'app://export-manager/index.html';
const contractChannels = [...methodNames.map((name) => ipcChannel(name)), DROPPED_FILE_CHANNEL].sort();

/** Whether something listens on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The boot assertions, for one layout. */
function describeBoot(name: string, makeLayout: () => Promise<AppLayout>): void {
  describe(`main booted from the ${name}`, () => {
    let layout: AppLayout;
    let main: MainProcess;

    const request = async (url: string) => (await main.command({ type: 'protocol-request', url })) as ProtocolAnswer;
    const invoke = (channel: string, args: unknown[], sender: SenderFrameChoice = { frame: 'main' }) =>
      main.command({ type: 'invoke', channel, args, sender });

    beforeAll(async () => {
      layout = await makeLayout();
      main = bootLayout(layout);
      await untilPageLoads(main);
    }, 120_000);

    afterAll(async () => {
      await main?.stop();
      await layout?.cleanup?.();
    });

    it('registers app:// as privileged, takes the single-instance lock and listens for open-url/open-file before ready, and touches no screen, session or window until then', () => {
      const journal = main.journal();
      const beforeReady = journal.filter((entry) => !entry.afterReady);
      expect(firstCallTo(beforeReady, 'protocol.registerSchemesAsPrivileged').args).toEqual([
        [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
      ]);
      const setUserData = firstCallTo(beforeReady, 'app.setPath');
      const lock = firstCallTo(beforeReady, 'app.requestSingleInstanceLock');
      expect(setUserData.args).toEqual(['userData', userDataOf(main)]);
      // The lock lives in the data folder, so the folder is chosen first.
      expect(setUserData.seq).toBeLessThan(lock.seq);
      const listened = callsTo(beforeReady, 'app.on').map((entry) => entry.args[0]);
      expect(listened).toEqual(expect.arrayContaining(['open-url', 'open-file', 'second-instance', 'will-quit']));
      expect(usesBeforeReady(journal, ['screen', 'session', 'BrowserWindow', 'protocol.handle', 'Menu', 'dialog'])).toEqual([]);
    });

    it('registers the app:// handler and every channel of the contract before the page loads', () => {
      const journal = main.journal();
      const loadUrl = firstCallTo(journal, 'window.loadURL');
      expect(loadUrl.args).toEqual([APP_INDEX]);
      const handle = firstCallTo(journal, 'protocol.handle');
      expect(handle.args[0]).toBe('app');
      expect(handle.seq).toBeLessThan(loadUrl.seq);
      const channels = callsTo(journal, 'ipcMain.handle').filter((entry) => entry.seq < loadUrl.seq).map((entry) => entry.args[0]);
      expect([...channels].sort()).toEqual(contractChannels);
    });

    it('opens one window with the secure options and the built preload, hidden until its page is ready', () => {
      const { preloadPath } = layout;
      const [created, ...others] = main.journal().filter((entry) => entry.kind === 'new' && entry.api === 'BrowserWindow');
      expect(others).toEqual([]);
      const options = created!.args[0] as { show: boolean; webPreferences: Record<string, unknown> };
      expect(options.show).toBe(false);
      expect(options.webPreferences).toMatchObject({
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(existsSync(preloadPath)).toBe(true);
      const denied = ['will-navigate', 'will-redirect', 'will-attach-webview'];
      expect(callsTo(main.journal(), 'window.webContents.on').map((entry) => entry.args[0])).toEqual(expect.arrayContaining(denied));
      expect(callsTo(main.journal(), 'window.webContents.setWindowOpenHandler')).toHaveLength(1);
    });

    it('denies every permission but writing to the clipboard', async () => {
      const answers: Record<string, unknown> = {};
      for (const permission of ['clipboard-sanitized-write', 'media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
        answers[permission] = await main.command({ type: 'permission', permission });
      }
      expect(answers).toEqual({
        'clipboard-sanitized-write': true,
        media: false,
        geolocation: false,
        notifications: false,
        'clipboard-read': false,
        openExternal: false,
      });
    });

    it('opens no new window: an http(s) link goes to the browser, anything else nowhere', async () => {
      for (const url of ['https://example.com/docs', 'file:///etc/passwd', 'app://export-manager/index.html', 'javascript:alert(1)']) {
        expect({ url, answer: await main.command({ type: 'window-open', url }) }).toEqual({ url, answer: { action: 'deny' } });
      }
      await main.command({ type: 'settle' });
      expect(callsTo(main.journal(), 'shell.openExternal').map((entry) => entry.args)).toEqual([['https://example.com/docs']]);
    });

    it('serves index.html and every asset it names over app:// with its type, the CSP header and the exact bytes', async () => {
      const { rendererDir } = layout;
      const expectedType: Record<string, string> = {
        html: 'text/html; charset=utf-8',
        js: 'text/javascript; charset=utf-8',
        css: 'text/css; charset=utf-8',
        svg: 'image/svg+xml',
      };
      for (const file of ['index.html', ...pageAssets(rendererDir)]) {
        const answer = await request(`app://export-manager/${file}`);
        expect({ file, status: answer.status }).toEqual({ file, status: 200 });
        expect(answer.headers['content-type']).toBe(expectedType[file.split('.').pop()!]);
        expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(Buffer.from(answer.bodyBase64, 'base64').equals(readFileSync(join(rendererDir, file)))).toBe(true);
      }
    });

    it('answers 404 for traversal, encoded separators and other hosts', async () => {
      const { rendererDir } = layout;
      const [script] = pageAssets(rendererDir).filter((file) => file.endsWith('.js'));
      // A file that exists two levels above the renderer folder in both layouts, so a 404 means refused, not missing.
      expect(existsSync(join(rendererDir, '..', '..', 'package.json'))).toBe(true);
      const refused = [
        'app://export-manager/../package.json',
        'app://export-manager/%2e%2e%2f%2e%2e%2fpackage.json',
        'app://export-manager/..%2F..%2Fpackage.json',
        'app://export-manager/..%5C..%5Cpackage.json',
        `app://export-manager/${script!.replace('/', '%2F')}`,
        `app://export-manager/${script!.replace('/', '%5C')}`,
        'app://another-host/index.html',
      ];
      const statuses = await Promise.all(refused.map(async (url) => [url, (await request(url)).status]));
      expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(refused.map((url) => [url, 404])));
    });

    it('answers a call from the main frame at app://export-manager with core’s real result', async () => {
      const manifest = JSON.parse(readFileSync(join(layout.appPath, 'package.json'), 'utf8')) as { version: string };
      const answer = await invoke(ipcChannel('app.info'), [undefined]);
      expect(answer).toMatchObject({
        ok: true,
        value: { name: 'Export Manager', version: manifest.version, dataDir: userDataOf(main), sampleBackendUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) },
      });
    });

    it('refuses calls from an iframe, from a frame that is gone and from a main frame at another origin', async () => {
      const refused = { ok: false, error: { kind: 'state', message: expect.any(String) } };
      for (const sender of [
        { frame: 'iframe' },
        { frame: 'none' },
        { frame: 'main', url: 'https://example.com/index.html' },
        { frame: 'main', url: 'app://another-host/index.html' },
      ] satisfies SenderFrameChoice[]) {
        expect({ sender, answer: await invoke(ipcChannel('app.info'), [undefined], sender) }).toEqual({ sender, answer: refused });
      }
      const dropped = join(main.root, 'dropped.txt');
      writeFileSync(dropped, 'https://cdn.example.com/a.png\n');
      expect(await invoke(DROPPED_FILE_CHANNEL, [dropped], { frame: 'iframe' })).toBeNull();
    });

    it('runs an archive job on the worker thread, for a zip dropped on the window', async () => {
      const zip = join(main.root, 'dropped.zip');
      writeZip(zip, [{ name: 'inside/one.txt', data: Buffer.from('one') }, { name: 'two.txt', data: Buffer.from('two two') }]);
      const granted = (await invoke(DROPPED_FILE_CHANNEL, [zip])) as { id: string; path: string } | null;
      expect(granted).toMatchObject({ path: zip });
      const listing = await invoke(ipcChannel('archive.list'), [{ fileId: granted!.id }]);
      expect(listing).toMatchObject({ ok: true, value: { entries: [expect.objectContaining({ name: 'inside/one.txt' }), expect.objectContaining({ name: 'two.txt' })] } });
    });

    it('claims export-manager:// with the OS only when packaged, never with this run’s path or flags', () => {
      const registrations = callsTo(main.journal(), 'app.setAsDefaultProtocolClient').map((entry) => entry.args);
      expect(registrations).toEqual(layout.packaged ? [['export-manager']] : []);
    });

    it('shows the window once its page has loaded', async () => {
      await main.command({ type: 'page-load', outcome: 'finish' });
      await main.waitFor('the window is shown', (entry) => entry.kind === 'call' && /^window\d+\.show$/.test(entry.api));
    });

    it('quits cleanly: core closes in will-quit, the sample backend stops and the process ends by itself with 0', async () => {
      const info = (await invoke(ipcChannel('app.info'), [undefined])) as { value: { sampleBackendUrl: string } };
      const port = Number(new URL(info.value.sampleBackendUrl).port);
      expect(await listening(port)).toBe(true);
      await main.command({ type: 'quit' });
      const { activeResources } = await main.quitFinished;
      // The control channel's own pipes are still open at that moment; anything else is main's.
      expect(await exitWithin(main, 5000, activeResources)).toEqual({ code: 0, signal: null });
      expect(await listening(port)).toBe(false);
      const journal = main.journal();
      const events = journal.filter((entry) => entry.kind === 'event' && entry.api.startsWith('app:')).map((entry) => entry.api);
      // The first will-quit is held back while core closes; main then quits again.
      expect(events.slice(events.indexOf('app:will-quit'))).toEqual(['app:will-quit', 'app:will-quit:prevented', 'app:before-quit', 'app:will-quit', 'app:quit']);
      expect(existsSync(join(userDataOf(main), 'window-state.json'))).toBe(true);
      expect(problems(journal)).toEqual([]);
    });

    it('loads every native addon from where Electron can (app.asar.unpacked when packaged)', () => {
      const { packaged } = layout;
      const loaded = main.journal().filter((entry) => entry.api === 'process:dlopen').map((entry) => entry.args[0] as string);
      expect(loaded.some((path) => path.includes('keytar'))).toBe(true);
      expect(loaded.some((path) => path.includes('libsql'))).toBe(true);
      // The checkout's node_modules may be a link (a git worktree's), and Node loads addons by their real path.
      const home = packaged ? `${packaged.unpackedDir}/` : `${realpathSync(join(layout.appPath, 'node_modules'))}/`;
      expect(loaded.filter((path) => !path.startsWith(home))).toEqual([]);
    });
  });
}

describeBoot('checkout', async () => checkoutLayout());
describeBoot('packaged app (resources/app.asar)', packagedLayout);
