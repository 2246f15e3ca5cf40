/**
 * How the command line shows a value that came from input or from the network (a line of an
 * imported file, a URL, a zip entry's name, a backend's message): never raw. A terminal acts
 * on control characters (ESC starts sequences that retitle the window, move the cursor or
 * rewrite the screen; BEL rings) and bidi controls reorder what is shown, so each is written
 * as an escape (`\x1b`, `\u202e`); and a value of 100 KB is cut, so one bad line cannot flood
 * the screen.
 */
import { visibleCodePoint } from '../../shared/hidden-characters';

/** How many characters of a value are shown before it is cut with "…". */
export const MAX_SHOWN = 200;

/** How many characters of a whole message are shown: room for its words and a few quoted values. */
export const MAX_SHOWN_MESSAGE = 1000;

/** A value safe to print on a terminal: controls and bidi characters escaped, cut with "…" after `max` characters. */
export function shown(value: string, max = MAX_SHOWN): string {
  let out = '';
  for (const char of value) {
    const piece = visibleCodePoint(char.codePointAt(0)!);
    // Cut on whole escapes, measured as printed: `\x1b` counts as the 4 characters it takes.
    if (out.length + piece.length > max) return `${out}…`;
    out += piece;
  }
  return out;
}

/**
 * One of our own messages that may quote values (an error naming the URL it refused): every
 * character escaped like `shown`, each run without spaces longer than `MAX_SHOWN` cut, so the
 * words around a quoted value stay readable, and the whole cut at `MAX_SHOWN_MESSAGE`. A value
 * from outside (a backend's reason or message) is not a message: show it with `shown`, which
 * cuts it as one value however many words it has.
 */
export function shownText(text: string): string {
  return shown(
    text.replace(/\S+/gu, (run) => shown(run)),
    MAX_SHOWN_MESSAGE,
  );
}
