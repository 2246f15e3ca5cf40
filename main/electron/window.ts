import { join } from 'node:path';
import { app, BrowserWindow, dialog, screen, session, shell } from 'electron';
import { APP_INDEX_URL, APP_ORIGIN } from './app-files';
import { DEV_CSP_NONCE_ENV, devContentSecurityPolicy, withPolicy } from './content-security-policy';
import { isLoadFailure, loadFailureText } from './load-failure';
import { originOf } from './trusted-sender';
import { isWebUrl } from './web-url';
import { mainWindowOptions } from './window-options';
import { restoredBounds } from './window-state';
import type { WindowState } from './window-state';

/** Where the built app finds its pieces, relative to dist-electron/main.js. */
export interface WindowSources {
  preloadPath: string;
  /** The built renderer, served over `app://`. */
  rendererDir: string;
  /** The dev server in `npm run dev` (never in a packaged app). */
  devServerUrl?: string;
  /** The dev server's per-run nonce for the styles it injects (with `devServerUrl` only). */
  devCspNonce?: string;
}

/** The default sources: beside the main bundle; the dev server only when the app is not packaged. */
export function defaultWindowSources(bundleDir: string, isPackaged: boolean): WindowSources {
  return {
    preloadPath: join(bundleDir, 'preload.cjs'),
    rendererDir: join(bundleDir, '..', 'dist', 'renderer'),
    devServerUrl: isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL || undefined,
    devCspNonce: isPackaged ? undefined : process.env[DEV_CSP_NONCE_ENV] || undefined,
  };
}

/** The origins whose main frame may call the API: the app's own, and the dev server's in development. */
export function trustedOrigins(sources: WindowSources): string[] {
  const dev = sources.devServerUrl ? originOf(sources.devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** The window's size on first launch and its limits. */
export const WINDOW_SIZES = { width: 1200, height: 800, minWidth: 760, minHeight: 520 };

/**
 * Creates the main window with secure defaults: isolated, sandboxed, no Node, strict CSP,
 * no navigation away from the app, no new windows (http(s) links open in the browser).
 */
export function createMainWindow(sources: WindowSources, saved: WindowState | null): BrowserWindow {
  const { maximized, ...bounds } = restoredBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    WINDOW_SIZES,
  );
  const window = new BrowserWindow(
    mainWindowOptions(sources.preloadPath, bounds, { minWidth: WINDOW_SIZES.minWidth, minHeight: WINDOW_SIZES.minHeight }),
  );
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // A page that does not load would leave a window that never shows: an app that seems to
  // vanish. Show the window, say what failed, and offer to try again.
  const pageUrl = sources.devServerUrl ?? APP_INDEX_URL;
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || !isLoadFailure(code)) return;
    window.show();
    const text = loadFailureText(code, description, url);
    void dialog.showMessageBox(window, { type: 'error', buttons: ['Try again', 'Quit'], defaultId: 0, cancelId: 1, ...text }).then(({ response }) => {
      if (response === 0) loadPage(window, pageUrl);
      else app.quit();
    });
  });

  loadPage(window, pageUrl);
  return window;
}

/** Loads the page; its failure is shown by the `did-fail-load` handler, so the rejection `loadURL` also gives is handled here. */
function loadPage(window: BrowserWindow, url: string): void {
  window.loadURL(url).catch(() => undefined);
}

/** What to save of the window when it closes: its normal (not maximized) bounds and whether it was maximized. */
export function windowStateOf(window: BrowserWindow): WindowState {
  return { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
}

/**
 * Session-wide rules: deny every permission request but clipboard writes; under `npm run dev`,
 * give the dev server's pages the development CSP as a header (`app://` sets its own). Only the
 * dev server's responses are touched: anything else keeps the headers it came with.
 */
export function hardenDefaultSession(sources: WindowSources): void {
  const ses = session.defaultSession;
  // Only writing to the clipboard ("Copy URL") is allowed; everything else is denied.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
  const devOrigin = sources.devServerUrl ? originOf(sources.devServerUrl) : null;
  if (!devOrigin || !sources.devCspNonce) return;
  const policy = devContentSecurityPolicy(sources.devCspNonce, devOrigin);
  // The filter narrows by host (a port in a pattern is not accepted everywhere); the origin check is exact.
  const host = new URL(devOrigin).hostname;
  ses.webRequest.onHeadersReceived({ urls: [`http://${host}/*`] }, (details, callback) => {
    if (originOf(details.url) !== devOrigin) return callback({});
    callback({ responseHeaders: withPolicy(details.responseHeaders, policy) });
  });
}
