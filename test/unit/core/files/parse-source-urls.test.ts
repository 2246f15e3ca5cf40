import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { parseSourceUrls, readSourceFile, validUrls } from '../../../../main/core/files/parse-source-urls';
import { decodeUtf8 } from '../../../../main/core/files/utf8-text';
import { parseCsv } from '../../../../main/core/files/csv';
import { formatTrackedList } from '../../../../main/core/tracked/tracked-file';
import type { TrackedExport } from '../../../../shared/api/tracked';

const A = 'https://h/a.png';
const B = 'https://h/b.png';

describe('parseSourceUrls', () => {
  it('reads one URL a line, skipping blank lines and keeping line numbers', () => {
    const lines = parseSourceUrls(`${A}\r\n\n  ${B}  \nnot-a-url\n`, 'txt');
    expect(lines).toEqual([
      { line: 1, value: A },
      { line: 3, value: B },
      { line: 4, value: 'not-a-url', reason: 'not an absolute http(s) URL' },
    ]);
    expect(validUrls(lines)).toEqual([A, B]);
  });

  it('reads a JSON array of strings and of { sourceFileUrl } objects, reporting other elements', () => {
    const lines = parseSourceUrls(JSON.stringify([A, { sourceFileUrl: B }, 42, { url: A }]), 'auto');
    expect(lines.map((l) => [l.line, l.value, l.reason ?? null])).toEqual([
      [1, A, null],
      [2, B, null],
      [3, '42', 'not a URL string or an object with a sourceFileUrl'],
      [4, '{"url":"https://h/a.png"}', 'not a URL string or an object with a sourceFileUrl'],
    ]);
  });

  it('accepts the batch request body { items: [...] }', () => {
    expect(validUrls(parseSourceUrls(JSON.stringify({ items: [{ sourceFileUrl: A }] }), 'json'))).toEqual([A]);
  });

  it('rejects JSON that is not an array with a validation error', () => {
    expect(() => parseSourceUrls('{"a":1}', 'json')).toThrow(/array/);
    let kind: string | undefined;
    try {
      parseSourceUrls('[1,', 'json');
    } catch (error) {
      kind = appErrorOf(error)?.kind;
    }
    expect(kind).toBe('validation');
  });

  it('reads the sourceFileUrl and label columns of a CSV with quoted fields, commas and line breaks inside quotes', () => {
    const csv = `label,SourceFileUrl\r\n"a, first","${A}"\r\n"multi\nline",${B}\r\nempty,\r\n`;
    const lines = parseSourceUrls(csv, 'csv');
    expect(lines).toEqual([
      { line: 2, value: A, label: 'a, first' },
      // A label is one line of text: the line break becomes a space.
      { line: 3, value: B, label: 'multi line' },
      { line: 5, value: '', reason: 'the sourceFileUrl cell is empty' },
    ]);
  });

  it('reads a header-less one-column CSV, and refuses a CSV without the column', () => {
    expect(validUrls(parseSourceUrls(`${A}\n${B}\n`, 'csv'))).toEqual([A, B]);
    expect(() => parseSourceUrls('name,size\nx,1\n', 'csv')).toThrow(/sourceFileUrl/);
  });

  it('unescapes doubled quotes in CSV fields', () => {
    expect(parseSourceUrls('sourceFileUrl\n"https://h/a""b"\n', 'csv')[0]!.value).toBe('https://h/a"b');
  });
});

describe('readSourceFile', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('picks the format from the extension (.txt, .csv, .json) and strips a BOM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-file-'));
    writeFileSync(join(dir, 'a.txt'), `\uFEFF${A}\n${B}`);
    writeFileSync(join(dir, 'a.csv'), `\uFEFFsourceFileUrl\n${A}\n`);
    writeFileSync(join(dir, 'a.json'), JSON.stringify([B]));
    expect(validUrls(await readSourceFile(join(dir, 'a.txt')))).toEqual([A, B]);
    expect(validUrls(await readSourceFile(join(dir, 'a.csv')))).toEqual([A]);
    expect(validUrls(await readSourceFile(join(dir, 'a.json')))).toEqual([B]);
  });

  it('gives a disk error naming the file when it cannot be read', async () => {
    await expect(readSourceFile('/nonexistent/list.txt')).rejects.toMatchObject({
      appError: { kind: 'disk', message: expect.stringContaining('does not exist') },
    });
  });
});

describe('text that is not a URL as written', () => {
  it('refuses a value that was not valid UTF-8, with the reason', () => {
    // Bytes, as a file holds them: only the decoder can tell bytes that are not UTF-8 from a real U+FFFD.
    const bytes = Buffer.concat([Buffer.from('https://h/a'), Buffer.from([0xff, 0xfe]), Buffer.from('.png\nhttps://h/ok.png\n')]);
    const lines = parseSourceUrls(decodeUtf8(bytes), 'txt');
    expect(lines[0]).toMatchObject({ line: 1, reason: 'not valid UTF-8 text (the file holds bytes that are not characters)' });
    expect(validUrls(lines)).toEqual(['https://h/ok.png']);
  });

  it('refuses a NUL or another control character inside a URL, in every format', () => {
    expect(parseSourceUrls('https://h/a\u0000b.png', 'txt')[0]).toMatchObject({ reason: 'contains a control character (\\x00)' });
    expect(parseSourceUrls(JSON.stringify(['https://h/a\u001b[31m.png']), 'json')[0]).toMatchObject({ reason: 'contains a control character (\\x1b)' });
    expect(parseSourceUrls('sourceFileUrl\n"https://h/a\u0085.png"\n', 'csv')[0]).toMatchObject({ reason: 'contains a control character (\\x85)' });
  });
});

describe('readSourceFile refuses what is not a regular file, without opening it for reading', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Before the check, reading a FIFO waited for a writer for ever: the timeout fails the test instead.
  it('refuses a FIFO at once as not a regular file', { timeout: 5000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-fifo-'));
    const fifo = join(dir, 'urls.txt');
    execFileSync('mkfifo', [fifo]);
    await expect(readSourceFile(fifo)).rejects.toMatchObject({
      appError: { kind: 'disk', message: `Could not read ${fifo}: it is a named pipe (FIFO), not a regular file.` },
    });
  });

  it('refuses /dev/zero, which never ends, as a character device', { timeout: 5000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-dev-'));
    await expect(readSourceFile('/dev/zero')).rejects.toMatchObject({
      appError: { kind: 'disk', message: 'Could not read /dev/zero: it is a character device, not a regular file.' },
    });
  });

  it('refuses a folder as a folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-dir-'));
    await expect(readSourceFile(dir)).rejects.toMatchObject({ appError: { kind: 'disk', message: `Could not read ${dir}: it is a folder, not a regular file.` } });
  });
});

describe('JSON nested deeper than any list of URLs', () => {
  it('is refused as validation with the reason, not a stack overflow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    let thrown: unknown = null;
    try {
      parseSourceUrls(deep, 'json');
    } catch (error) {
      thrown = error;
    }
    expect(appErrorOf(thrown)).toMatchObject({ kind: 'validation', message: expect.stringMatching(/^The JSON could not be read: it nests 200,000 levels deep; at most \d+ are allowed\.$/) });
  });

  it('still reads the shapes an import has ({ items: [{ sourceFileUrl, label }] })', () => {
    expect(parseSourceUrls(JSON.stringify({ items: [{ sourceFileUrl: A, label: 'a' }] }), 'json')).toEqual([{ line: 1, value: A, label: 'a' }]);
  });
});

describe('U+FFFD and invisible characters, told apart from bytes that are not UTF-8', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a line holding a real U+FFFD (the bytes EF BF BD) as that character, not as invalid UTF-8', async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-fffd-'));
    const path = join(dir, 'urls.txt');
    writeFileSync(path, Buffer.concat([Buffer.from('https://h/a'), Buffer.from([0xef, 0xbf, 0xbd]), Buffer.from('.png\n')]));
    const [line] = await readSourceFile(path);
    expect(line).toEqual({ line: 1, value: 'https://h/a\uFFFD.png' });
  });

  it('refuses the line with bytes that are not UTF-8 and keeps a real U+FFFD elsewhere in the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-bad-'));
    const path = join(dir, 'urls.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('sourceFileUrl\nhttps://h/\uFFFD.png\nhttps://h/'), Buffer.from([0xc3, 0x28]), Buffer.from('.png\n')]));
    const lines = await readSourceFile(path);
    expect(lines[0]).toEqual({ line: 2, value: 'https://h/\uFFFD.png' });
    expect(lines[1]).toMatchObject({ line: 3, reason: 'not valid UTF-8 text (the file holds bytes that are not characters)' });
  });

  it.each([
    ['a right-to-left override', '\u202E', 'U+202E'],
    ['a left-to-right mark', '\u200E', 'U+200E'],
    ['a zero-width space', '\u200B', 'U+200B'],
    ['a zero-width joiner', '\u200D', 'U+200D'],
    ['a BOM inside the URL', '\uFEFF', 'U+FEFF'],
  ])('refuses a URL holding %s, with the reason, in every format', (_name, char, label) => {
    const url = `https://h/invoice${char}gpj.exe`;
    const reason = `contains an invisible or text-direction character (${label})`;
    expect(parseSourceUrls(url, 'txt')[0]).toMatchObject({ reason });
    expect(parseSourceUrls(JSON.stringify([url]), 'json')[0]).toMatchObject({ reason });
    expect(parseSourceUrls(`sourceFileUrl\n${url}\n`, 'csv')[0]).toMatchObject({ reason });
  });
});

describe('one parser for every way a list comes in', () => {
  it('reads pasted CSV with a sourceFileUrl header as CSV, labels and all, as an import of the same file does', () => {
    const pasted = 'sourceFileUrl,label\nhttps://files.example/ok/plain,Dup of plain\n"https://files.example/ok/quoted","Quoted, with a comma"\n';
    expect(parseSourceUrls(pasted)).toEqual([
      { line: 2, value: 'https://files.example/ok/plain', label: 'Dup of plain' },
      { line: 3, value: 'https://files.example/ok/quoted', label: 'Quoted, with a comma' },
    ]);
    expect(parseSourceUrls(pasted)).toEqual(parseSourceUrls(pasted, 'csv'));
    // The header may come in any case and column order.
    expect(parseSourceUrls('Label,SourceFileURL\nFirst,https://files.example/a.png')).toEqual([{ line: 2, value: 'https://files.example/a.png', label: 'First' }]);
  });

  it('refuses a URL with a space inside, in every format, saying how a URL writes it', () => {
    for (const [text, format] of [
      ['https://files.example/my file.png', 'txt'],
      ['sourceFileUrl\n"https://files.example/my file.png"', 'csv'],
      ['["https://files.example/my file.png"]', 'json'],
    ] as const) {
      expect(parseSourceUrls(text, format)[0]!.reason, format).toMatch(/contains a space .*%20/);
    }
  });

  it('refuses a line of a plain list with a comma in it: a CSV row without its header, not a URL', () => {
    const [line] = parseSourceUrls('https://files.example/ok/plain,Dup of plain');
    expect(line!.reason).toMatch(/comma.*header row naming the sourceFileUrl column/);
    // In a CSV cell or a JSON string a comma is unambiguous, and a URL may hold one.
    expect(parseSourceUrls('sourceFileUrl\n"https://files.example/w_100,h_100/a.png"', 'csv')[0]!.reason).toBeUndefined();
    expect(parseSourceUrls('["https://files.example/w_100,h_100/a.png"]')[0]!.reason).toBeUndefined();
  });
});

describe('a tracked list written as CSV and read back', () => {
  it.each([
    ['a formula', '=HYPERLINK("http://evil","click")'],
    ['a plus sign', '+1 555 0100'],
    ['a minus sign', '-draft, v2'],
    ['an at sign', '@channel "final"'],
    ['the guard’s own quote before a formula start', "'=not a formula"],
    ['a quote before text', "'quoted'"],
  ])('keeps a label starting with %s exactly, pasted or imported', (_what, label) => {
    const items: TrackedExport[] = [{ id: '1', sourceFileUrl: A, label, addedAt: '2026-01-01T00:00:00.000Z' }];
    const text = formatTrackedList(items, 'csv');
    // No line of the file starts a cell the way a formula does.
    for (const cell of parseCsv(text).flatMap((row) => row.cells)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(parseSourceUrls(text, 'csv')).toEqual([{ line: 2, value: A, label }]);
    expect(parseSourceUrls(text, 'auto')).toEqual([{ line: 2, value: A, label }]);
  });
});
