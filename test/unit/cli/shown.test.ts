import { describe, expect, it } from 'vitest';
import { MAX_SHOWN, MAX_SHOWN_MESSAGE, shown, shownText } from '../../../main/cli/shown';

describe('shown', () => {
  it('escapes C0, DEL, C1 and bidi controls, and keeps ordinary text and emoji', () => {
    expect(shown('a\u001b[31mb\u0007c\u007f\u0085\u202egnp.exe\u2066')).toBe('a\\x1b[31mb\\x07c\\x7f\\x85\\u202egnp.exe\\u2066');
    expect(shown('tab\there\nnext')).toBe('tab\\there\\nnext');
    expect(shown('Über 📦 ok')).toBe('Über 📦 ok');
  });

  it('cuts after MAX_SHOWN printed characters with an ellipsis, never inside an escape', () => {
    expect(shown('x'.repeat(100_000))).toBe(`${'x'.repeat(MAX_SHOWN)}…`);
    const cut = shown('\u001b'.repeat(100));
    expect(cut.endsWith('\\x1b…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(MAX_SHOWN + 1);
    expect(shown('x'.repeat(300), Infinity)).toHaveLength(300);
  });

  it('cuts each long run of a message alone, keeping the words around it', () => {
    expect(shownText(`"${'a'.repeat(5000)}" is not a valid URL`)).toBe(`"${'a'.repeat(MAX_SHOWN - 1)}… is not a valid URL`);
  });

  it('cuts a value of many short words as one value, not word by word', () => {
    const reason = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const printed = shown(reason);
    expect(printed).toBe(`${reason.slice(0, MAX_SHOWN)}…`);
  });

  it('bounds a whole message, however its words are spaced, at MAX_SHOWN_MESSAGE', () => {
    const message = `The backend said: ${Array.from({ length: 2000 }, () => 'no').join(' ')}`;
    const printed = shownText(message);
    expect(printed.length).toBe(MAX_SHOWN_MESSAGE + 1);
    expect(printed.startsWith('The backend said: no no')).toBe(true);
    expect(printed.endsWith('…')).toBe(true);
    expect(shownText('A short message stays whole.')).toBe('A short message stays whole.');
  });
});
