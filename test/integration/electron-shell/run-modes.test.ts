/**
 * What the built main does differently by how it is run, booted under Node with the electron
 * double (see boot.test.ts for what that proves and what it cannot): under `npm run dev`
 * (the Vite dev server's pages get the development CSP, nothing else is touched), started with
 * Electron flags (`electron --inspect=0 .`), and on Windows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CSP_NONCE_ENV } from '../../../main/electron/content-security-policy';
import { matchesUrlPattern } from '../../helpers/electron-double/url-pattern';
import type { MainProcess } from '../../helpers/electron-double/launch';
import { bootLayout, untilPageLoads } from './boot-main';
import { callsTo, firstCallTo } from './journal-queries';
import { checkoutLayout } from './layouts';
import type { AppLayout } from './layouts';

let layout: AppLayout;
let main: MainProcess | null = null;

beforeAll(() => {
  layout = checkoutLayout();
});

afterEach(async () => {
  await main?.stop();
  main = null;
});

afterAll(() => {
  layout.cleanup?.();
});

const elsewhere = 'https://cdn.example.com/export.png';
const theirHeaders = { 'Content-Security-Policy': ["default-src 'self'"], 'X-Served-By': ['cdn'] };
const headersAt = (url: string, headers: Record<string, string[]>) => main!.command({ type: 'response-headers', url, headers });

describe('the CSP header rewrite', () => {
  it('is not registered at all without a dev server, so every response keeps its headers', async () => {
    main = bootLayout(layout);
    await untilPageLoads(main);
    expect(callsTo(main.journal(), 'session.defaultSession.webRequest.onHeadersReceived')).toEqual([]);
    expect(await headersAt(elsewhere, theirHeaders)).toEqual(theirHeaders);
  });

  it('under the dev server, is filtered to it: its pages get the development CSP, every other response keeps its headers', async () => {
    const devServer = 'http://127.0.0.1:5173/';
    const nonce = 'dGVzdC1ub25jZS1mb3ItZGV2';
    main = bootLayout(layout, { env: { VITE_DEV_SERVER_URL: devServer, [DEV_CSP_NONCE_ENV]: nonce } });
    await untilPageLoads(main);
    const journal = main.journal();
    expect(firstCallTo(journal, 'window.loadURL').args).toEqual([devServer]);
    const [registration, ...again] = callsTo(journal, 'session.defaultSession.webRequest.onHeadersReceived');
    expect(again).toEqual([]);
    const filter = registration!.args[0] as { urls?: string[] };
    expect(filter.urls?.length).toBeGreaterThan(0);
    expect(filter.urls!.every((pattern) => matchesUrlPattern(pattern, `${devServer}index.html`) && !matchesUrlPattern(pattern, elsewhere))).toBe(true);

    const page = (await headersAt(`${devServer}index.html`, { 'Content-Type': ['text/html'] })) as Record<string, string[]>;
    expect(page['Content-Type']).toEqual(['text/html']);
    expect(page['Content-Security-Policy']).toEqual([expect.stringContaining(`'nonce-${nonce}'`)]);
    expect(await headersAt(elsewhere, theirHeaders)).toEqual(theirHeaders);
    // Same host, another port: through the host filter, but not the dev server.
    expect(await headersAt('http://127.0.0.1:9999/', theirHeaders)).toEqual(theirHeaders);
  });
});

describe('Electron flags on the command line', () => {
  it('never become the protocol handler’s app path in an unpackaged run (electron --inspect=0 .)', async () => {
    main = bootLayout(layout, { electronFlags: ['--inspect=0'] });
    await untilPageLoads(main);
    const registrations = callsTo(main.journal(), 'app.setAsDefaultProtocolClient');
    expect(registrations.filter((entry) => JSON.stringify(entry.args).includes('--inspect'))).toEqual([]);
  });
});

describe('on Windows', () => {
  // The AppUserModelID is set on Windows only, and a Node process cannot pose as Windows without
  // also changing which native builds libsql and keytar load: the id is tested where it is
  // computed (appUserModelId, test/unit/electron/startup-texts.test.ts).
  it.skipIf(process.platform === 'win32')('sets no AppUserModelID off Windows', async () => {
    main = bootLayout(layout);
    await untilPageLoads(main);
    expect(callsTo(main.journal(), 'app.setAppUserModelId')).toEqual([]);
  });
});
