import { z } from 'zod';
import { event, method } from '../contract';
import { hiddenKind, withHiddenCharactersShown } from '../hidden-characters';
import type { SecretsBackend } from './keys';

/**
 * A proxy asked for a user name and password (407) and requests wait for the person's answer:
 * one question a proxy, however many requests wait on it. It never carries a password.
 */
export interface ProxyLoginQuestion {
  /** Main's id for the question: the answer names it. */
  questionId: string;
  /** The proxy's `host:port`. */
  proxy: string;
  /** Where the proxy was set ("Settings → Network", "the system's proxy settings"). */
  from: string;
  /** The realm the proxy named in its challenge, when it named one. */
  realm: string | null;
  /** The proxy refused the user name and password it was given last. */
  rejected: boolean;
  /** That refused login was one remembered in the keychain: it was forgotten. */
  forgotten: boolean;
  /** The user name of the refused login, to offer again; null when none was refused. */
  username: string | null;
  /** Where "Remember" keeps the login (the keychain, or the fallback the app settled on). */
  keptIn: SecretsBackend;
}

/**
 * A note about how a request was routed that a person should be able to find: the system's
 * proxy settings named a proxy Export Manager cannot use (SOCKS, HTTPS), so the request went to
 * the next entry of the answer instead.
 */
export interface RouteNote {
  /** The sentence to show. */
  message: string;
  /** When it last happened (ISO date-time). */
  at: string;
}

/** The longest user name or password accepted for a proxy. */
export const MAX_PROXY_LOGIN_PART = 1024;

/**
 * Why a user name cannot be sent to a proxy, or null when it can: Basic authentication joins
 * the user name and password with a colon, so the user name cannot hold one (RFC 7617 §2), and
 * no part may hold a line break or another control character.
 */
export function proxyUsernameProblem(username: string): string | null {
  if (username === '') return 'Enter the user name the proxy expects.';
  if (username.includes(':')) return 'A proxy user name cannot contain a colon (:).';
  if (hasControlCharacter(username)) return 'The user name holds a control character (a line break or tab): type it again.';
  return null;
}

/** Why a password cannot be sent to a proxy, or null when it can (see proxyUsernameProblem). The message never quotes it. */
export function proxyPasswordProblem(password: string): string | null {
  return hasControlCharacter(password) ? 'The password holds a control character (a line break or tab): type it again.' : null;
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) if (hiddenKind(char.codePointAt(0)!) === 'control') return true;
  return false;
}

/** The longest "No proxy for" list accepted (Settings → Network, Manual). */
export const MAX_PROXY_BYPASS_LENGTH = 4096;

/** An IPv4 address: four numbers of 0–255. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** An IPv6 address as written (hex groups, at most one `::`, an IPv4 tail allowed); checked by hand: shared code has no URL parser. */
function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const last = groups[groups.length - 1] ?? '';
  const tail = last.includes('.') ? (isIpv4(last) ? 2 : -1) : 0;
  if (tail < 0) return false;
  const hex = tail ? groups.slice(0, -1) : groups;
  if (!hex.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  const count = hex.length + tail;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** A host name as NO_PROXY writes it: ASCII labels, optionally after `.` or `*.` (the domain and every host under it). */
function isHostPattern(text: string): boolean {
  const name = text.replace(/^\*?\./, '').replace(/\.$/, '');
  if (name === '' || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label))) return false;
  // All digits reads as an IPv4 address, which must then be one.
  return labels.every((label) => /^\d+$/.test(label)) ? isIpv4(name) : true;
}

function isPort(text: string | undefined): boolean {
  return text === undefined || (/^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535);
}

/** Whether one NO_PROXY entry can be read: `*`, a host (`host:port`), an IP literal (`[v6]:port`), or a CIDR range. */
function isBypassEntry(entry: string): boolean {
  if (entry === '*') return true;
  const range = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (range) {
    const [, address = '', prefix = ''] = range;
    return isIpv4(address) ? Number(prefix) <= 32 : isIpv6(address.replace(/^\[|\]$/g, '')) && Number(prefix) <= 128;
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return isIpv6(bracketed[1] ?? '') && isPort(bracketed[2]);
  if (isIpv6(entry)) return true;
  const hostPort = /^([^:]+)(?::([^:]*))?$/.exec(entry);
  return hostPort !== null && isHostPattern(hostPort[1] ?? '') && isPort(hostPort[2]);
}

/**
 * Why a "No proxy for" list cannot be used, or null when it can: entries separated by commas
 * (or spaces), each as NO_PROXY writes them (main/core/http/network/no-proxy.ts reads them):
 * `*`, a host name (`example.com` and `.example.com` also cover its subdomains), an IP address,
 * a CIDR range, or any of these with `:port`. The same rule for the window's field and for main;
 * the entry at fault is quoted (cut short, hidden characters shown).
 */
export function proxyBypassProblem(value: string): string | null {
  if (value.length > MAX_PROXY_BYPASS_LENGTH) return `Keep the list under ${MAX_PROXY_BYPASS_LENGTH.toLocaleString('en-US')} characters.`;
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    if (isBypassEntry(entry)) continue;
    const shown = withHiddenCharactersShown(entry.length > 40 ? `${entry.slice(0, 39)}…` : entry);
    const hint = /[^\x20-\x7e]/.test(entry) ? ' Write an international name in its xn-- form.' : '';
    return `“${shown}” is not a host name, IP address or range.${hint} Separate hosts with commas, as in intranet.example.com, .corp.example, 10.0.0.0/8, localhost:8080.`;
  }
  return null;
}

const questionId = z.string().min(1).max(100);
const username = z
  .string()
  .max(MAX_PROXY_LOGIN_PART)
  .refine((value) => proxyUsernameProblem(value) === null, { error: (issue) => proxyUsernameProblem(String(issue.input)) ?? 'Enter the user name.' });
const password = z
  .string()
  .max(MAX_PROXY_LOGIN_PART)
  .refine((value) => proxyPasswordProblem(value) === null, { error: 'The password holds a control character (a line break or tab): type it again.' });

/** Methods about how requests reach servers: a proxy's login. */
export const networkMethods = {
  /** The proxy logins requests wait for now, oldest first (for a window that opens while one is asked). */
  'network.loginQuestions': method<ProxyLoginQuestion[]>()(z.undefined()),
  /**
   * Answers a proxy's login question: the user name and password to try (kept in the keychain
   * once the proxy accepts them, with `remember`), or null to cancel, which fails the waiting
   * requests with the proxy's 407. The password crosses only here, and never comes back. Returns
   * the questions still open; `state` for a question that is no longer open.
   */
  'network.answerLogin': method<ProxyLoginQuestion[]>()(
    z
      .object({
        questionId,
        login: z.object({ username, password, remember: z.boolean() }).strict().nullable(),
      })
      .strict(),
  ),
  /** Recent notes about how requests were routed (a proxy the system named that cannot be used), newest first. */
  'network.routeNotes': method<RouteNote[]>()(z.undefined()),
} as const;

/** Events about how requests reach servers. */
export const networkEvents = {
  /** A proxy's login question opened or closed: the questions open now, oldest first. */
  'network.loginQuestionsChanged': event<ProxyLoginQuestion[]>(),
  /** A request was routed past a proxy that cannot be used: the recent notes, newest first. */
  'network.routeNotesChanged': event<RouteNote[]>(),
} as const;
