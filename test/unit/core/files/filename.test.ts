import { describe, expect, it } from 'vitest';
import { FALLBACK_ZIP_NAME, sanitizeFilename, zipFilenameFrom } from '../../../../main/core/files/filename';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('zipFilenameFrom: Content-Disposition to a safe name', () => {
  const cases: Array<[string, string | null | undefined, string, 'content-disposition' | 'fallback']> = [
    ['plain quoted filename', 'attachment; filename="exports.zip"', 'exports.zip', 'content-disposition'],
    ['unquoted token filename', 'attachment; filename=exports.zip', 'exports.zip', 'content-disposition'],
    ['filename* wins over filename', `attachment; filename="a.zip"; filename*=UTF-8''b%C3%A9.zip`, 'bé.zip', 'content-disposition'],
    ['filename* wins even when it comes first', `attachment; filename*=UTF-8''first.zip; filename="second.zip"`, 'first.zip', 'content-disposition'],
    ['parameter names are case-insensitive', `ATTACHMENT; FILENAME*=utf-8''Caps.zip`, 'Caps.zip', 'content-disposition'],
    ['ISO-8859-1 charset', `attachment; filename*=ISO-8859-1''caf%E9.zip`, 'café.zip', 'content-disposition'],
    ['language tag is ignored', `attachment; filename*=UTF-8'en-GB'report.zip`, 'report.zip', 'content-disposition'],
    ['unknown charset falls back to filename', `attachment; filename*=x-klingon''zzz.zip; filename="plain.zip"`, 'plain.zip', 'content-disposition'],
    ['invalid UTF-8 in filename* falls back to filename', `attachment; filename*=UTF-8''%FF%FE.zip; filename="ok.zip"`, 'ok.zip', 'content-disposition'],
    ['bad percent escape falls back to filename', `attachment; filename*=UTF-8''100%.zip; filename="ok.zip"`, 'ok.zip', 'content-disposition'],
    ['escaped quote inside a quoted string', 'attachment; filename="say \\"hi\\".zip"', 'say _hi_.zip', 'content-disposition'],
    ['semicolon inside quotes is part of the name', 'attachment; filename="a;b.zip"', 'a;b.zip', 'content-disposition'],
    ['raw UTF-8 bytes in filename (seen as latin1) are recovered', `attachment; filename="${Buffer.from('Résumé.zip').toString('latin1')}"`, 'Résumé.zip', 'content-disposition'],
    ['missing header falls back', undefined, FALLBACK_ZIP_NAME, 'fallback'],
    ['empty header falls back', '', FALLBACK_ZIP_NAME, 'fallback'],
    ['inline without a name falls back', 'inline', FALLBACK_ZIP_NAME, 'fallback'],
    ['empty filename falls back', 'attachment; filename=""', FALLBACK_ZIP_NAME, 'fallback'],
    ['a name of dots only falls back', 'attachment; filename=".."', FALLBACK_ZIP_NAME, 'fallback'],
    ['path traversal keeps only the last segment', 'attachment; filename="../../etc/passwd.zip"', 'passwd.zip', 'content-disposition'],
    ['Windows path keeps only the last segment', 'attachment; filename="C:\\\\Windows\\\\System32\\\\evil.zip"', 'evil.zip', 'content-disposition'],
    ['percent-encoded slashes in filename* are path parts', `attachment; filename*=UTF-8''..%2F..%2Fhome%2Fevil.zip`, 'evil.zip', 'content-disposition'],
    ['percent-encoded backslashes in filename* are path parts', `attachment; filename*=UTF-8''..%5C..%5Cevil.zip`, 'evil.zip', 'content-disposition'],
    ['percent signs in plain filename stay literal (RFC 6266)', 'attachment; filename="..%2F..%2Fx.zip"', '%2F..%2Fx.zip', 'content-disposition'],
    ['a name without extension gets .zip', 'attachment; filename="exports"', 'exports.zip', 'content-disposition'],
    ['a .jar that is also a zip is saved as .jar.zip', 'attachment; filename="x.jar"', 'x.jar.zip', 'content-disposition'],
    ['an .hta is saved as .hta.zip', 'attachment; filename="update.hta"', 'update.hta.zip', 'content-disposition'],
    ['a .bat is saved as .bat.zip', 'attachment; filename="run.bat"', 'run.bat.zip', 'content-disposition'],
    ['an upper-case .ZIP is kept', 'attachment; filename="EXPORTS.ZIP"', 'EXPORTS.ZIP', 'content-disposition'],
    ['a long .exe name ends in .zip within 255 bytes', `attachment; filename="${'a'.repeat(300)}.exe"`, `${'a'.repeat(251)}.zip`, 'content-disposition'],
    ['a slash-only name falls back', `attachment; filename*=UTF-8''%2F%2F`, FALLBACK_ZIP_NAME, 'fallback'],
    ['a name that is only a NUL falls back', `attachment; filename*=UTF-8''%00`, FALLBACK_ZIP_NAME, 'fallback'],
  ];
  it.each(cases)('%s', (_label, header, filename, source) => {
    expect(zipFilenameFrom(header)).toEqual({ filename, source });
  });
});

describe('sanitizeFilename: names safe on Windows, macOS and Linux', () => {
  const cases: Array<[string, string, string | null]> = [
    ['removes the right-to-left override that disguises extensions', 'invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['removes bidi isolates and marks', '\u2066a\u2069\u200Fb\u200E.zip', 'ab.zip'],
    ['removes zero-width and BOM characters', 'a\u200Bb\uFEFF.zip', 'ab.zip'],
    ['removes NUL, which truncates paths in native code', 'safe.zip\u0000.exe', 'safe.zip.exe'],
    ['removes C0 and C1 controls and DEL', 'a\u0001b\u001Fc\u007Fd\u0085e.zip', 'abcde.zip'],
    ['turns newlines and tabs into nothing', 'two\nlines\t.zip', 'twolines.zip'],
    ['replaces characters Windows refuses', 'a<b>c:d"e|f?g*h.zip', 'a_b_c_d_e_f_g_h.zip'],
    ['prefixes a reserved device name', 'CON.zip', '_CON.zip'],
    ['prefixes reserved names case-insensitively with several extensions', 'nul.tar.gz', '_nul.tar.gz'],
    ['prefixes COM and LPT ports, superscripts included', 'LPT¹.zip', '_LPT¹.zip'],
    ['leaves names that only start like a device', 'CONSOLE.zip', 'CONSOLE.zip'],
    ['strips trailing dots and spaces (Windows drops them)', 'report.zip. . ', 'report.zip'],
    ['strips leading dots: no hidden files, no ..', '...hidden.zip', 'hidden.zip'],
    ['collapses runs of spaces', 'a    b.zip', 'a b.zip'],
    ['normalises to NFC', 'Cafe\u0301.zip', 'Café.zip'],
    ['returns null when nothing usable remains', ' . \u202E ', null],
    ['returns null for underscores produced from reserved characters only', '???', null],
  ];
  it.each(cases)('%s', (_label, raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('cuts a 300-byte UTF-8 name to at most 255 bytes, keeping the extension and whole characters', () => {
    const name = `${'é'.repeat(150)}.zip`; // 304 bytes
    const safe = sanitizeFilename(name)!;
    expect(bytes(safe)).toBeLessThanOrEqual(255);
    expect(safe.endsWith('.zip')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    expect(safe.slice(0, -4)).toMatch(/^é+$/);
  });

  it('cuts a long name of 4-byte characters without splitting a surrogate pair', () => {
    const safe = sanitizeFilename(`${'😀'.repeat(80)}.zip`)!;
    expect(bytes(safe)).toBeLessThanOrEqual(255);
    expect(Array.from(safe.slice(0, -4)).every((c) => c === '😀')).toBe(true);
  });

  it('cuts an over-long extension with the rest rather than keeping it whole', () => {
    const safe = sanitizeFilename(`a.${'x'.repeat(300)}`)!;
    expect(bytes(safe)).toBeLessThanOrEqual(255);
  });
});
