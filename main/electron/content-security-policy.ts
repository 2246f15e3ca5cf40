/**
 * The Content-Security-Policy of the app's pages: pure (no Electron), so the build config and
 * tests use it too. Packaged and `npm start`, pages come from `app://` with the strict policy;
 * under `npm run dev` Vite serves them and injects `<style>` elements for the page's CSS, which
 * the strict policy would block (an unstyled page): there a per-run nonce allows exactly those.
 */

/** The policy of every page the app shows (also the meta tag in renderer/index.html). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The environment variable through which the dev server hands Electron its per-run style nonce. */
export const DEV_CSP_NONCE_ENV = 'EXPORT_MANAGER_DEV_CSP_NONCE';

/** Whether a nonce is of the base64 form a CSP source expression allows (so it cannot add a directive). */
export function isCspNonce(value: string): boolean {
  return /^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(value);
}

/**
 * The development policy: the strict one, plus the dev server's per-run nonce for the styles
 * Vite injects and its own WebSocket (hot reload) for `connect-src`. Nothing else is loosened.
 * `policy` is the strict one by default (the response header), or the page's meta tag.
 */
export function devContentSecurityPolicy(nonce: string, devServerOrigin: string, policy: string = CONTENT_SECURITY_POLICY): string {
  if (!isCspNonce(nonce)) throw new TypeError('The dev server nonce must be base64.');
  const socket = devServerOrigin.replace(/^http/, 'ws');
  return policy.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`).replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket}`,
  );
}

/** Response headers with `policy` as their only Content-Security-Policy (a header of any case is replaced). */
export function withPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
