import { describe, expect, it } from 'vitest';
import { firstHiddenCharacter, hiddenKind, withHiddenCharactersShown, withoutHiddenCharacters } from '../../../shared/hidden-characters';
import { sanitizeFilename } from '../../../main/core/files/filename';
import { unsafeNameReason } from '../../../main/core/archive/entry-name';
import { sourceUrlProblem } from '../../../main/core/files/source-urls';
import { shown } from '../../../main/cli/shown';

/** Every character the issue found passing, and the ones that were already caught. */
const HIDDEN: Array<[string, number, 'control' | 'invisible']> = [
  ['NUL', 0x0000, 'control'],
  ['ESC', 0x001b, 'control'],
  ['DEL', 0x007f, 'control'],
  ['NEL (C1)', 0x0085, 'control'],
  ['CSI (C1)', 0x009b, 'control'],
  ['soft hyphen', 0x00ad, 'invisible'],
  ['combining grapheme joiner', 0x034f, 'invisible'],
  ['Arabic letter mark', 0x061c, 'invisible'],
  ['Mongolian vowel separator', 0x180e, 'invisible'],
  ['zero-width space', 0x200b, 'invisible'],
  ['zero-width joiner', 0x200d, 'invisible'],
  ['right-to-left mark', 0x200f, 'invisible'],
  ['line separator', 0x2028, 'invisible'],
  ['paragraph separator', 0x2029, 'invisible'],
  ['right-to-left override', 0x202e, 'invisible'],
  ['word joiner', 0x2060, 'invisible'],
  ['first strong isolate', 0x2068, 'invisible'],
  ['Hangul filler', 0x3164, 'invisible'],
  ['variation selector 16', 0xfe0f, 'invisible'],
  ['BOM', 0xfeff, 'invisible'],
  ['halfwidth Hangul filler', 0xffa0, 'invisible'],
  ['tag letter a', 0xe0061, 'invisible'],
  ['cancel tag', 0xe007f, 'invisible'],
  ['variation selector 17', 0xe0100, 'invisible'],
];

describe('one rule for hidden characters', () => {
  it.each(HIDDEN)('knows %s (U+%s) as %s', (_name, codePoint, kind) => {
    expect(hiddenKind(codePoint)).toBe(kind);
  });

  it('leaves ordinary letters, spaces, accents, CJK and emoji alone', () => {
    for (const text of ['report 2026.pdf', 'café', 'cafe\u0301', '報告', 'Übersicht', '📦', 'a-b_c~d']) {
      expect(firstHiddenCharacter(text), text).toBeNull();
      expect(withoutHiddenCharacters(text)).toBe(text);
    }
  });

  it('names the first one found as an escape or a code point', () => {
    expect(firstHiddenCharacter('a\u001bb')).toEqual({ kind: 'control', codePoint: 0x1b, label: '\\x1b' });
    expect(firstHiddenCharacter('invoice\u202efdp.exe')).toEqual({ kind: 'invisible', codePoint: 0x202e, label: 'U+202E' });
    expect(firstHiddenCharacter('x\u{e0061}')).toMatchObject({ label: 'U+E0061' });
  });

  it('shows each hidden character as the escape a person can read back', () => {
    expect(withHiddenCharactersShown('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(withHiddenCharactersShown('a\tb\u001b[31m\u0085')).toBe('a\\tb\\x1b[31m\\x85');
    expect(withHiddenCharactersShown('flag\u{e0061}')).toBe('flag\\u{e0061}');
    expect(withHiddenCharactersShown('Über 📦')).toBe('Über 📦');
  });

  it.each(HIDDEN)('is the same rule for file names, entry names, URLs and the terminal: %s', (_name, codePoint) => {
    const char = String.fromCodePoint(codePoint);
    expect(sanitizeFilename(`re${char}port.pdf`)).toBe('report.pdf');
    expect(unsafeNameReason(`docs/re${char}port.pdf`)).toMatch(/control character|invisible/);
    expect(sourceUrlProblem(`https://files.example/re${char}port.pdf`)).toMatch(/control character|invisible/);
    expect(shown(`re${char}port`)).not.toContain(char);
  });
});
