import { describe, expect, it } from 'vitest';
import { nameSegments, unsafeNameReason } from '../../../../main/core/archive/entry-name';
import { numberedName } from '../../../../shared/numbered-name';

describe('unsafeNameReason', () => {
  it('accepts ordinary relative names, unicode and Windows-style separators', () => {
    for (const name of ['a.txt', 'dir/sub/file.bin', 'dir/', 'héllo wörld/日本語.txt', 'win\\style\\name.txt', './a.txt', 'a..b.txt'])
      expect(unsafeNameReason(name), name).toBeNull();
  });

  it('refuses parent segments whether the separator is a slash or a backslash', () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', '..\\evil.txt', 'a\\..\\..\\evil.txt', 'a/..', '..'])
      expect(unsafeNameReason(name), name).toMatch(/leaves the folder/);
  });

  it('refuses absolute paths and drive letters', () => {
    expect(unsafeNameReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeNameReason('\\\\server\\share\\x')).toMatch(/absolute/);
    expect(unsafeNameReason('C:\\Windows\\evil.dll')).toMatch(/drive letter/);
    expect(unsafeNameReason('c:evil.txt')).toMatch(/drive letter/);
  });

  it('refuses bidi overrides, isolates, marks and zero-width characters that disguise a name', () => {
    for (const name of ['invoice\u202Efdp.exe', 'dir/\u2066a\u2069.txt', 'a\u200Bb.txt', 'bom\uFEFF.txt', 'mark\u200F.txt', 'arabic\u061C.txt'])
      expect(unsafeNameReason(name), JSON.stringify(name)).toMatch(/invisible|direction/);
  });

  it('refuses NUL and other control characters, naming the character', () => {
    expect(unsafeNameReason('evil.txt\u0000.pdf')).toMatch(/control character \(\\x00\)/);
    expect(unsafeNameReason('line\nbreak.txt')).toMatch(/control character \(\\x0a\)/);
  });

  it('refuses C1 controls (U+0085 next line, U+009B the terminal escape), naming the character', () => {
    expect(unsafeNameReason('next\u0085line.txt')).toMatch(/control character \(\\x85\)/);
    expect(unsafeNameReason('csi\u009B31m.txt')).toMatch(/control character \(\\x9b\)/);
  });

  it('refuses the other invisible characters: soft hyphen, line and paragraph separators, tags, U+180E, U+3164, variation selectors', () => {
    for (const [name, label] of [
      ['in\u00ADvoice.pdf', 'U+00AD'],
      ['line\u2028sep.txt', 'U+2028'],
      ['para\u2029sep.txt', 'U+2029'],
      ['tag\u{E0041}\u{E0042}.txt', 'U+E0041'],
      ['mongolian\u180E.txt', 'U+180E'],
      ['hangul\u3164filler.txt', 'U+3164'],
      ['emoji\uFE0F.txt', 'U+FE0F'],
      ['selector\u{E0100}.txt', 'U+E0100'],
    ] as const) {
      expect(unsafeNameReason(name), label).toMatch(/invisible or text-direction character/);
      expect(unsafeNameReason(name), label).toContain(`(${label})`);
    }
  });

  it('refuses Windows device names on every platform, with or without an extension', () => {
    for (const name of ['CON', 'dir/nul.txt', 'Com1.log', 'lpt9', 'aux/x.txt', 'CONIN$', 'conout$.txt', 'dir/CONOUT$'])
      expect(unsafeNameReason(name, 'linux'), name).toMatch(/device name/);
    for (const name of ['console.txt', 'nullable/x', 'com10.txt', 'conin.txt', 'CONIN$x', 'conerr$']) expect(unsafeNameReason(name, 'linux'), name).toBeNull();
  });

  it('refuses colons and trailing dots or spaces only where the disk is a Windows one', () => {
    expect(unsafeNameReason('notes:secret.txt', 'win32')).toMatch(/":"/);
    expect(unsafeNameReason('trailing.', 'win32')).toMatch(/dot or a space/);
    expect(unsafeNameReason('dir /x.txt', 'win32')).toMatch(/dot or a space/);
    for (const name of ['notes:secret.txt', 'trailing.', 'dir /x.txt']) expect(unsafeNameReason(name, 'linux'), name).toBeNull();
  });

  it('refuses names with nothing to write', () => {
    expect(unsafeNameReason('')).toMatch(/empty/);
    expect(unsafeNameReason('./')).toMatch(/no file or folder/);
  });
});

describe('nameSegments', () => {
  it('splits on both separators and drops empty and dot segments', () => {
    expect(nameSegments('a\\b//./c/')).toEqual(['a', 'b', 'c']);
  });
});

describe('numberedName', () => {
  it('numbers before the extension, or at the end when there is none or the name starts with a dot', () => {
    expect(numberedName('report.final.pdf', 1)).toBe('report.final (1).pdf');
    expect(numberedName('README', 2)).toBe('README (2)');
    expect(numberedName('.env', 1)).toBe('.env (1)');
  });
});
