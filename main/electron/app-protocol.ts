import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, appFileFor, contentTypeOf } from './app-files';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * Declares `app://` a standard, secure scheme. Must run before the app is ready: privileges
 * cannot be granted later.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer in `rootDir` over `app://`, with the CSP as a response header. */
export function serveAppFiles(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
