import { describe, expect, it } from 'vitest';
import { MAX_SHOWN, shown, shownText } from '../../../main/cli/shown';

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
});
