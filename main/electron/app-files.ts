import { extname, join, relative, sep } from 'node:path';

/**
 * How the app's own pages are served over the `app://` scheme: pure, so it is tested without
 * Electron. Pages load from `app://export-manager/…` instead of `file://`, which gives them a
 * real origin (for the IPC sender check and the CSP) and no file-system privileges.
 */

/** The scheme of the app's own pages. */
export const APP_SCHEME = 'app';
/** The host of the app's own pages: `app://export-manager/index.html`. */
export const APP_HOST = 'export-manager';
/** The origin IPC trusts for the app's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file under `rootDir` that an `app://` URL names, or null when the URL is for another
 * host, is malformed, or would leave `rootDir` (`..`, encoded separators, absolute paths).
 */
export function appFileFor(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  // An encoded separator names no file the build wrote (its paths use real `/`): refused, so no
  // spelling of a path reaches the file system but the one the page itself uses.
  if (/%2f|%5c/i.test(parsed.pathname)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const path = join(rootDir, pathname === '/' ? 'index.html' : pathname);
  const inside = relative(rootDir, path);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..')) return null;
  return path;
}

/** The Content-Type of a file the app serves (by extension; unknown ones are bytes). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
