import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may call the bridge: only the page opened from the link it printed. Any local process can
 * reach 127.0.0.1, and the bridge hands out the whole core API (which can point a profile at
 * another host and send its key there), so the cookie that admits a caller is never handed to
 * whoever asks `GET /`: as Jupyter does, the bridge prints a link carrying a one-time token
 * (`/?token=…`), and only the request that carries it gets the cookie, an HttpOnly,
 * SameSite=Strict one that scripts of other sites can neither read nor send. Every other request
 * must carry the cookie, and one that says it comes from another page (`Origin`) is refused
 * even with it.
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

/**
 * One-time links: each token admits one browser once (it is gone when redeemed), so a link seen
 * in a terminal's scrollback or a process list is worthless after the page opened.
 */
export class LaunchTokens {
  private readonly unused = new Set<string>();

  /** A new token for one link. */
  mint(): string {
    const value = randomBytes(32).toString('base64url');
    this.unused.add(value);
    return value;
  }

  /** Whether `value` is an unused token; it is used up either way. (Set lookup is fine here: 256 random bits cannot be guessed by timing.) */
  redeem(value: string | null): boolean {
    if (value === null || !this.unused.has(value)) return false;
    this.unused.delete(value);
    return true;
  }
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

/** What a request without the cookie is told. */
export const OPEN_THE_LINK = 'Open the link the bridge printed (it carries a one-time token); a link works once, so ask for a new one by restarting the bridge.';

/** Why a request is refused (status and a short reason), or null when it may proceed. */
export function refusal(request: IncomingMessage, token: BridgeToken, ownOrigins: ReadonlySet<string>): { status: 401 | 403; reason: string } | null {
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins.has(origin)) return { status: 403, reason: 'Requests from other pages are refused.' };
  if (!sameToken(cookieValue(request, token.cookie), token.value)) return { status: 401, reason: OPEN_THE_LINK };
  return null;
}
