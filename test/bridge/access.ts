import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may call the bridge: only the page it served. Any local process can reach 127.0.0.1, and
 * the bridge hands out the whole core API (which can point a profile at another host and send
 * its key there), so every `/__bridge/` request must carry the token that came with the page,
 * as an HttpOnly, SameSite=Strict cookie that scripts of other sites can neither read nor send,
 * and a request that says it comes from another page (`Origin`) is refused even with it.
 */

/** One run's token and the cookie that carries it. */
export interface BridgeToken {
  /** Named after the port: cookies are per host, not per port, and two bridges must not share one. */
  cookie: string;
  value: string;
}

/** A fresh random token for one run of the bridge on `port`. */
export function newToken(port: number): BridgeToken {
  return { cookie: `em-bridge-${port}`, value: randomBytes(32).toString('base64url') };
}

/** The Set-Cookie header that hands the token to the page. */
export function tokenCookie(token: BridgeToken): string {
  return `${token.cookie}=${token.value}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a `/__bridge/` request is refused (status and a short reason), or null when it may proceed. */
export function refusal(request: IncomingMessage, token: BridgeToken, ownOrigins: ReadonlySet<string>): { status: 401 | 403; reason: string } | null {
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins.has(origin)) return { status: 403, reason: 'Requests from other pages are refused.' };
  if (!sameToken(cookieValue(request, token.cookie), token.value)) return { status: 401, reason: 'Open the page first: this request has no valid bridge token.' };
  return null;
}
