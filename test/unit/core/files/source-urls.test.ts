import { describe, expect, it } from 'vitest';
import { labelFor, sourceUrlProblem } from '../../../../main/core/files/source-urls';

describe('sourceUrlProblem', () => {
  it('accepts absolute http and https URLs', () => {
    expect(sourceUrlProblem('https://cdn.example.com/a/b.png')).toBeNull();
    expect(sourceUrlProblem('http://127.0.0.1:8080/x')).toBeNull();
  });

  it('refuses relative URLs, other schemes, garbage and over-long URLs with a reason', () => {
    expect(sourceUrlProblem('/exports/a.png')).toMatch(/absolute http/);
    expect(sourceUrlProblem('ftp://host/a')).toMatch(/absolute http/);
    expect(sourceUrlProblem('https://exa mple.com/a')).toMatch(/not a valid URL/);
    expect(sourceUrlProblem(`https://h/${'a'.repeat(2048)}`)).toMatch(/longer than 2048/);
  });
});

describe('sourceUrlProblem and U+FFFD', () => {
  it('treats a real U+FFFD as an ordinary character: the URL parser percent-encodes it in a path', () => {
    expect(sourceUrlProblem('https://h/a\uFFFD.png')).toBeNull();
  });

  it('refuses a lone surrogate, which is how bytes that are not UTF-8 reach it (see utf8-text.ts)', () => {
    expect(sourceUrlProblem('https://h/a\uDCFF.png')).toBe('not valid UTF-8 text (the file holds bytes that are not characters)');
  });
});

describe('labelFor', () => {
  it('uses the last path segment, decoded', () => {
    expect(labelFor('https://h/exports/Q1%20report.pdf?x=1')).toBe('Q1 report.pdf');
    expect(labelFor('https://h/exports/dir/')).toBe('dir');
  });

  it('falls back to the host when the path is empty, and keeps a bad escape as written', () => {
    expect(labelFor('https://cdn.example.com:8443/')).toBe('cdn.example.com:8443');
    expect(labelFor('https://h/100%.png')).toBe('100%.png');
    expect(labelFor('https://h?next=/a/b')).toBe('h');
    expect(labelFor('https://h/dir/file.pdf#page=/2')).toBe('file.pdf');
  });
});
