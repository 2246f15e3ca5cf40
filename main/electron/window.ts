import { join } from 'node:path';
import { BrowserWindow, screen, session, shell } from 'electron';
import { APP_INDEX_URL, APP_ORIGIN } from './app-files';
import { originOf } from './trusted-sender';
import { isWebUrl } from './web-url';
import { mainWindowOptions } from './window-options';
import { restoredBounds } from './window-state';
import type { WindowState } from './window-state';

/** The Content-Security-Policy of every page the app shows (also the meta tag in renderer/index.html). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where the built app finds its pieces, relative to dist-electron/main.js. */
export interface WindowSources {
  preloadPath: string;
  /** The built renderer, served over `app://`. */
  rendererDir: string;
  /** The dev server in `npm run dev` (never in a packaged app). */
  devServerUrl?: string;
}

/** The default sources: beside the main bundle; the dev server only when the app is not packaged. */
export function defaultWindowSources(bundleDir: string, isPackaged: boolean): WindowSources {
  return {
    preloadPath: join(bundleDir, 'preload.cjs'),
    rendererDir: join(bundleDir, '..', 'dist', 'renderer'),
    devServerUrl: isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL || undefined,
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

  void window.loadURL(sources.devServerUrl ?? APP_INDEX_URL);
  return window;
}

/** What to save of the window when it closes: its normal (not maximized) bounds and whether it was maximized. */
export function windowStateOf(window: BrowserWindow): WindowState {
  return { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
}

/** Session-wide rules: deny every permission request but clipboard writes, send the CSP header with every response (the dev server's too; `app://` sets its own). */
export function hardenDefaultSession(): void {
  const ses = session.defaultSession;
  // Only writing to the clipboard ("Copy URL") is allowed; everything else is denied.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
