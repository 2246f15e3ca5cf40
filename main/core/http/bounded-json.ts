/**
 * JSON.parse with a bound on nesting depth. V8's JSON.parse recurses once per array or object
 * level, so a small hostile text such as `[[[[…` 100,000 deep throws a RangeError ("Maximum call
 * stack size exceeded") — a crash, not a parse error — and anything that later walks the value
 * recursively would crash again. Every JSON we read (a backend's answer, an imported file) has a
 * shallow shape, so a linear pre-scan refuses deep texts before JSON.parse ever sees them.
 *
 * This module knows nothing of error kinds: the backend's answer is `invalid-response`, a file a
 * person imported is `validation`. Callers catch `JsonTooDeepError` and say which.
 */

/** Deep enough for any shape Export Manager reads (URL mode's answer is 3 levels), far below V8's recursion limit. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/** Thrown, before parsing, for a text whose arrays and objects nest deeper than allowed. */
export class JsonTooDeepError extends Error {
  /** The deepest nesting in the text (`[]` and `{}` are depth 1, `[[1]]` is 2). */
  readonly depth: number;
  readonly maxDepth: number;

  constructor(depth: number, maxDepth: number) {
    super(`The JSON nests ${depth.toLocaleString('en-US')} levels deep; at most ${maxDepth} are allowed.`);
    this.name = 'JsonTooDeepError';
    this.depth = depth;
    this.maxDepth = maxDepth;
  }
}

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }

/**
 * The deepest array/object nesting in `text`, in one pass and constant memory. Brackets inside
 * strings do not count (escapes such as `\"` are honoured). It does not validate: malformed text
 * gets a number all the same, and JSON.parse reports the syntax error afterwards.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++; // skip the escaped character, whatever it is
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      // Unbalanced closers are a syntax error for JSON.parse to report; never count below zero.
      if (depth > 0) depth--;
    }
  }
  return deepest;
}

/**
 * Parses `text` as JSON when it nests at most `maxDepth` levels; throws `JsonTooDeepError`
 * (before parsing) when deeper, and JSON.parse's own SyntaxError when it is not JSON.
 */
export function parseBoundedJson(text: string, maxDepth: number = DEFAULT_MAX_JSON_DEPTH): unknown {
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth) throw new JsonTooDeepError(depth, maxDepth);
  return JSON.parse(text) as unknown;
}
