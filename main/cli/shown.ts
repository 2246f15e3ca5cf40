/**
 * How the command line shows a value that came from input or from the network (a line of an
 * imported file, a URL, a zip entry's name, a backend's message): never raw. A terminal acts
 * on control characters (ESC starts sequences that retitle the window, move the cursor or
 * rewrite the screen; BEL rings) and bidi controls reorder what is shown, so each is written
 * as an escape (`\x1b`, `\u202e`); and a value of 100 KB is cut, so one bad line cannot flood
 * the screen.
 */

/** How many characters of a value are shown before it is cut with "…". */
export const MAX_SHOWN = 200;

/** Bidi controls, line and paragraph separators, and the zero-width no-break space. */
const INVISIBLE = new Set([0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff]);

const NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/** One code point as it is shown. */
function escaped(codePoint: number): string {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return NAMED[codePoint] ?? `\\x${codePoint.toString(16).padStart(2, '0')}`;
  // A lone surrogate (a broken UTF-16 string) cannot be written as text either.
  if (INVISIBLE.has(codePoint) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return String.fromCodePoint(codePoint);
}

/** A value safe to print on a terminal: controls and bidi characters escaped, cut with "…" after `max` characters. */
export function shown(value: string, max = MAX_SHOWN): string {
  let out = '';
  for (const char of value) {
    const piece = escaped(char.codePointAt(0)!);
    // Cut on whole escapes, measured as printed: `\x1b` counts as the 4 characters it takes.
    if (out.length + piece.length > max) return `${out}…`;
    out += piece;
  }
  return out;
}

/**
 * A message that may quote values (an error naming the URL it refused): every character
 * escaped like `shown`, and each run without spaces longer than `MAX_SHOWN` cut, so the words
 * around a quoted value stay readable.
 */
export function shownText(text: string): string {
  return text.replace(/\S+/gu, (run) => shown(run));
}
