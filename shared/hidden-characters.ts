/**
 * One rule for the characters a person cannot see, or that change how the text around them is
 * shown: file names from the network, entry names inside archives, URLs and the terminal all
 * use it, so a name refused in one place is not accepted in another.
 *
 * - **Control characters:** C0 (NUL truncates paths in native code; ESC drives terminals), DEL
 *   and C1 (U+0085 is a line break to some readers, U+009B starts terminal sequences).
 * - **Invisible characters:** bidi marks, embeddings, overrides and isolates (they make
 *   `invoice\u202Efdp.exe` show as `invoiceexe.pdf`); zero-width spaces and joiners; the soft
 *   hyphen; line and paragraph separators; the BOM; invisible operators; fillers that render as
 *   blank letters (Hangul U+115F, U+1160, U+3164, U+FFA0; Khmer U+17B4, U+17B5); the Mongolian
 *   vowel separator and variation selectors (U+180B–U+180F, U+FE00–U+FE0F, U+E0100–U+E01EF); the
 *   combining grapheme joiner; musical-notation format characters; and tag characters
 *   (U+E0000–U+E007F), which can carry a whole hidden text.
 *
 * Two names that differ only in such characters look identical, which is the disguise; so they
 * are refused (entries, URLs) or removed (a download's file name), never kept.
 */

/** Ranges of code points (inclusive) that are control characters. */
const CONTROL_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
];

/** Ranges of code points (inclusive) that are invisible or steer the direction of text. */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul choseong/jungseong fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; LRM, RLM
  [0x2028, 0x202e], // line/paragraph separators; bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates, deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (BOM)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotation
  [0x1d173, 0x1d17a], // musical symbol format characters
  [0xe0000, 0xe007f], // tag characters
  [0xe0100, 0xe01ef], // variation selectors supplement
];

function inRanges(codePoint: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [low, high] of ranges) if (codePoint >= low && codePoint <= high) return true;
  return false;
}

/** What kind of hidden character a code point is, or null for one that is seen as itself. */
export function hiddenKind(codePoint: number): 'control' | 'invisible' | null {
  if (inRanges(codePoint, CONTROL_RANGES)) return 'control';
  if (inRanges(codePoint, INVISIBLE_RANGES)) return 'invisible';
  return null;
}

/** The first hidden character of a text, with its kind and how to name it (`\x1b`, `U+202E`), or null. */
export interface HiddenCharacter {
  kind: 'control' | 'invisible';
  codePoint: number;
  /** `\x1b` for a control character (as a terminal escape), `U+202E` for an invisible one. */
  label: string;
}

export function firstHiddenCharacter(text: string): HiddenCharacter | null {
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const kind = hiddenKind(codePoint);
    if (kind) return { kind, codePoint, label: hiddenLabel(kind, codePoint) };
  }
  return null;
}

function hiddenLabel(kind: 'control' | 'invisible', codePoint: number): string {
  if (kind === 'control') return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every hidden character removed. */
export function withoutHiddenCharacters(text: string): string {
  let out = '';
  for (const char of text) if (hiddenKind(char.codePointAt(0)!) === null) out += char;
  return out;
}

const NAMED_CONTROLS: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/**
 * How one code point is shown where text from outside is shown (the terminal, the window): a
 * hidden character as an escape (`\x1b`, `\t`, `\u202e`), so it is seen instead of acting; a
 * lone surrogate (a broken UTF-16 string) too, since it cannot be drawn; anything else as itself.
 */
export function visibleCodePoint(codePoint: number): string {
  const kind = hiddenKind(codePoint);
  if (kind === 'control') return NAMED_CONTROLS[codePoint] ?? `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (kind === 'invisible' || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    const hex = codePoint.toString(16);
    return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  }
  return String.fromCodePoint(codePoint);
}

/** The text with every hidden character shown as its escape (see `visibleCodePoint`). */
export function withHiddenCharactersShown(text: string): string {
  let out = '';
  for (const char of text) out += visibleCodePoint(char.codePointAt(0)!);
  return out;
}
