import { firstHiddenCharacter } from '../../../shared/hidden-characters';

/** The longest `sourceFileUrl` accepted (what browsers and most servers handle). */
export const MAX_SOURCE_URL_LENGTH = 2048;

/** A UTF-16 surrogate without its partner: never in text decoded from valid UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why a value is not an acceptable `sourceFileUrl`, or null when it is. The one rule for every
 * way a URL comes in (pasted, imported, `--url`, restored). A lone surrogate is how a file's
 * bytes that are not UTF-8 arrive (see files/utf8-text.ts), and a control character would be
 * percent-encoded by the URL parser into an address nobody meant; both are refused rather than
 * stored changed. A U+FFFD is a visible character like any other: the URL parser decides.
 */
export function sourceUrlProblem(value: string): string | null {
  if (value.length > MAX_SOURCE_URL_LENGTH) return `longer than ${MAX_SOURCE_URL_LENGTH} characters`;
  if (LONE_SURROGATE.test(value)) return 'not valid UTF-8 text (the file holds bytes that are not characters)';
  // One rule with file and entry names (shared/hidden-characters.ts): a control character would be
  // percent-encoded into an address nobody meant, and an invisible one makes two URLs look alike.
  const hidden = firstHiddenCharacter(value);
  if (hidden?.kind === 'control') return `contains a control character (${hidden.label})`;
  if (hidden) return `contains an invisible or text-direction character (${hidden.label})`;
  if (!/^https?:\/\//i.test(value)) return 'not an absolute http(s) URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  if (!url.hostname) return 'the URL has no host';
  // Never part of a URL as sent: a backend compares the exact string, and a space is written %20.
  if (/\s/.test(value)) return 'contains a space (a URL writes it as %20)';
  return null;
}

/**
 * A readable label for a tracked export: its last path segment decoded, else its host. Works on
 * the string (the URL is already validated): parsing each of 100,000 URLs again would dominate
 * an import.
 */
export function labelFor(sourceFileUrl: string): string {
  const url = sourceFileUrl;
  const afterScheme = url.indexOf('://') + 3;
  let pathStart = afterScheme;
  while (pathStart < url.length && !'/?#'.includes(url[pathStart]!)) pathStart++;
  let end = pathStart;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end++;
  while (end > pathStart && url[end - 1] === '/') end--;
  const last = url.slice(url.lastIndexOf('/', end - 1) + 1, end);
  if (end <= pathStart || !last) return new URL(url).host;
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    // A stray `%` that is not an escape: show it as written.
    return last;
  }
}
