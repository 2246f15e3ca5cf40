import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';

/** The Content-Security-Policy of every page the app shows (also set as a meta tag). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the built app finds its pieces, relative to dist-electron/main.js. */
export interface WindowSources {
  preloadPath: string;
  /** The dev server in `npm run dev`, otherwise the built index.html. */
  devServerUrl?: string;
  indexHtmlPath: string;
}

/** The default sources: beside the main bundle. */
export function defaultWindowSources(bundleDir: string): WindowSources {
  return {
    preloadPath: join(bundleDir, 'preload.cjs'),
    devServerUrl: process.env.VITE_DEV_SERVER_URL,
    indexHtmlPath: join(bundleDir, '..', 'dist', 'renderer', 'index.html'),
  };
}

/**
 * Creates the main window with secure defaults: isolated, sandboxed, no Node, strict CSP,
 * no navigation away from the app, no new windows (http(s) links open in the browser).
 */
export function createMainWindow(sources: WindowSources): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Export Manager',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: sources.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());

  if (sources.devServerUrl) void window.loadURL(sources.devServerUrl);
  else void window.loadFile(sources.indexHtmlPath);
  return window;
}

/** Session-wide rules: deny every permission request but clipboard writes, send the CSP header with every response. */
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
