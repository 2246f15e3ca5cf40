import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../../main/core/files/utf8-text';

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 exactly, a real U+FFFD included', () => {
    const text = 'https://h/ä\uFFFD€😀.png';
    expect(decodeUtf8(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('turns each byte that is not part of a valid sequence into a lone surrogate U+DC80–U+DCFF, keeping the rest', () => {
    // A stray continuation byte, a truncated sequence, an overlong encoding and a surrogate encoded in UTF-8.
    const bytes = Buffer.from([0x61, 0x80, 0x62, 0xe2, 0x82, 0x63, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x64]);
    const text = decodeUtf8(bytes);
    expect([...text].map((c) => c.codePointAt(0)!.toString(16))).toEqual(['61', 'dc80', '62', 'dce2', 'dc82', '63', 'dcc0', 'dcaf', 'dced', 'dca0', 'dc80', '64']);
  });

  it('never yields U+FFFD for bytes that are not UTF-8', () => {
    expect(decodeUtf8(Buffer.from([0xff, 0xfe, 0xfd]))).not.toContain('\uFFFD');
  });
});
