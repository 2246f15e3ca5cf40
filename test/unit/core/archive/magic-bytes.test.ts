import { describe, expect, it } from 'vitest';
import { errorStubFlag } from '../../../../main/core/archive/entry-flags';
import { decodeHead, expectedContent, headKind, headSnippet } from '../../../../main/core/archive/magic-bytes';
import { sampleContent } from '../../../../main/core/sample-backend/sample-content';

/** What a head of `data` is instead of what `name` promises, or null when it can be that. */
function contradiction(name: string, data: Buffer | string): string | null {
  const expected = expectedContent(name);
  if (!expected) throw new Error(`${name} promises nothing`);
  return expected.contradiction(Buffer.isBuffer(data) ? data : Buffer.from(data));
}

describe('expectedContent', () => {
  it('knows types by their extension, whatever its case, and nothing of names without one', () => {
    expect(expectedContent('a/b/Cover.PNG')).toMatchObject({ extension: 'png', label: 'PNG image', binary: true, emptyAllowed: false });
    expect(expectedContent('scan.jpeg')?.label).toBe('JPEG image');
    expect(expectedContent('data.csv')).toMatchObject({ binary: false, emptyAllowed: true });
    for (const name of ['notes.txt', 'page.html', 'README', '.png', 'folder.png/x', 'archive.tar']) expect(expectedContent(name), name).toBeNull();
  });
});

describe('the magic-byte check', () => {
  it('passes the real content of every binary type the sample backend makes', () => {
    expect(contradiction('a.png', sampleContent('png', 'a', 2_000))).toBeNull();
    expect(contradiction('a.jpg', sampleContent('jpg', 'a', 2_000))).toBeNull();
    expect(contradiction('a.pdf', sampleContent('pdf', 'a', 2_000))).toBeNull();
    expect(contradiction('a.svg', sampleContent('svg', 'a', 2_000))).toBeNull();
    expect(contradiction('a.json', sampleContent('json', 'a', 2_000))).toBeNull();
    expect(contradiction('a.csv', sampleContent('csv', 'a', 2_000))).toBeNull();
  });

  it('passes other formats\' magic: GIF (whose header is text), WebP, MP4, zip-based office files, a PDF header after junk', () => {
    expect(contradiction('a.gif', Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0])]))).toBeNull();
    expect(contradiction('a.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 1, 0, 0]), Buffer.from('WEBPVP8 ')]))).toBeNull();
    expect(contradiction('a.mp4', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42')]))).toBeNull();
    expect(contradiction('a.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBeNull();
    // Readers accept a PDF whose header comes within its first 1024 bytes.
    expect(contradiction('a.pdf', `${' '.repeat(300)}%PDF-1.7\n`)).toBeNull();
  });

  it('passes the magic of the types added for illustration, fonts, archives and video, and flags a page in their place', () => {
    const real: Array<[string, Buffer | string]> = [
      ['a.eps', '%!PS-Adobe-3.0 EPSF-3.0\n'],
      ['a.eps', Buffer.from([0xc5, 0xd0, 0xd3, 0xc6, 0x1e, 0, 0, 0])],
      ['a.ai', '%PDF-1.6\n%\xe2\xe3'],
      ['a.ai', '%!PS-Adobe-3.0\n'],
      ['a.rtf', '{\\rtf1\\ansi\\deff0 {\\fonttbl'],
      ['a.bz2', 'BZh91AY&SY'],
      ['a.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04])],
      ['a.rar', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')],
      ['a.svgz', Buffer.from([0x1f, 0x8b, 0x08, 0x00])],
      ['a.apng', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
      ['a.jxl', Buffer.from([0xff, 0x0a, 0xfa, 0x7f])],
      ['a.jp2', Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a])],
      ['a.avi', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 1, 0, 0]), Buffer.from('AVI LIST')])],
      ['a.ttf', Buffer.from([0x00, 0x01, 0x00, 0x00, 0x00, 0x0f])],
      ['a.otf', 'OTTO\x00\x0b'],
    ];
    for (const [name, head] of real) expect(contradiction(name, head), name).toBeNull();
    for (const name of ['a.eps', 'a.ai', 'a.rtf', 'a.bz2', 'a.xz', 'a.rar', 'a.svgz', 'a.apng', 'a.jxl', 'a.jp2', 'a.avi', 'a.ttf', 'a.otf']) {
      expect(contradiction(name, '<html><head><title>403 Forbidden</title></head>'), name).toBe('html');
    }
  });

  it('reads a page in a legacy 8-bit code page as the text it is, and never takes binary for one', () => {
    // "Accès refusé" in ISO-8859-1, as an old European server answers: not UTF-8, yet plainly a page.
    const latin1 = Buffer.from('<html><head><title>Acc\u00e8s refus\u00e9</title></head><body>Vous n\u0027avez pas acc\u00e8s.</body></html>', 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin1)).toThrow();
    expect(contradiction('cover.png', latin1)).toBe('html');
    expect(headSnippet('html', latin1)).toBe('Acc\u00e8s refus\u00e9');
    expect(contradiction('report.pdf', Buffer.from('Zugriff verweigert: Datei gel\u00f6scht', 'latin1'))).toBe('text');
    // Bytes mostly past ASCII are no page in any code page, even without a control byte among them.
    expect(headKind(Buffer.from([0xc8, 0xe9, 0xa0, 0xf1, 0x41, 0xb7, 0xd3, 0xee]))).toBeNull();
    expect(contradiction('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('leaves a binary of another format alone: only a page is an error stub', () => {
    expect(contradiction('photo.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBeNull();
    expect(contradiction('a.pdf', Buffer.from([0x00, 0x01, 0x02, 0x89]))).toBeNull();
  });

  it('tells HTML, JSON, XML and plain text in place of a binary', () => {
    expect(contradiction('a.png', '<!DOCTYPE html>\n<html><head><title>502</title>')).toBe('html');
    expect(contradiction('a.png', '\uFEFF  <html lang="en">')).toBe('html');
    expect(contradiction('a.png', '<!-- generated --><html><body>')).toBe('html');
    expect(contradiction('a.jpg', '{"error":"not found"}')).toBe('json');
    expect(contradiction('a.jpg', '[{"code":500}]')).toBe('json');
    expect(contradiction('a.pdf', '<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>')).toBe('xml');
    expect(contradiction('a.pdf', 'Internal Server Error\n')).toBe('text');
    expect(contradiction('a.pdf', '404 page not found')).toBe('text');
  });

  it('judges a head cut inside a UTF-8 character as text, and one with control characters as binary', () => {
    const cut = Buffer.from('Erreur interne – réessayez').subarray(0, 17); // ends inside "–"
    expect(decodeHead(cut)).toBe('Erreur interne ');
    expect(headKind(Buffer.from('text\x00with a NUL'))).toBeNull();
    expect(headKind(Buffer.from([0xff, 0xfe, 0xfd]))).toBeNull();
    expect(headKind(Buffer.from('tabs\tand\r\nlines\f'))).toBe('text');
  });

  it('flags text types only where their own syntax rules the head out', () => {
    // SVG: a prolog, a doctype and comments may come first; another root element, HTML or text may not.
    expect(contradiction('a.svg', '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeNull();
    expect(contradiction('a.svg', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')).toBeNull();
    expect(contradiction('a.svg', `<!--${'x'.repeat(2000)}`)).toBeNull();
    expect(contradiction('a.svg', '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>')).toBe('xml');
    expect(contradiction('a.svg', '<html><body>no</body></html>')).toBe('html');
    expect(contradiction('a.svg', 'Bad Gateway')).toBe('text');
    // JSON: any value, but never markup or words.
    for (const json of ['{"a":1}', '[1]', '"text"', '-1.5', '42', 'true', 'false', 'null', '  \n{"a":1}']) expect(contradiction('a.json', json), json).toBeNull();
    expect(contradiction('a.json', '<!doctype html><title>Oops</title>')).toBe('html');
    expect(contradiction('a.json', 'not found')).toBe('text');
    // CSV: markup only (a first cell may be any word, or even "<5 years").
    expect(contradiction('a.csv', 'Internal Server Error')).toBeNull();
    expect(contradiction('a.csv', '<5 years,12\n')).toBeNull();
    expect(contradiction('a.csv', '<html><title>Sign in</title>')).toBe('html');
  });
});

describe('headSnippet', () => {
  it('quotes a page\'s title, a JSON message, an XML message or the first words, without hidden characters, cut at 80', () => {
    expect(headSnippet('html', Buffer.from('<html><head><title>\n  502 Bad\tGateway </title>'))).toBe('502 Bad Gateway');
    expect(headSnippet('html', Buffer.from('<html><body><h1>Forbidden</h1>'))).toBe('Forbidden');
    expect(headSnippet('html', Buffer.from('<html><body>'))).toBeNull();
    expect(headSnippet('json', Buffer.from('{"status":500,"message":"Render \\"timed\\" out"}'))).toBe('Render \\"timed\\" out');
    expect(headSnippet('json', Buffer.from('{"status":500}'))).toBeNull();
    expect(headSnippet('xml', Buffer.from('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'))).toBe('Request has expired');
    expect(headSnippet('text', Buffer.from('Service \u202eUnavailable\u200b'))).toBe('Service Unavailable');
    expect(headSnippet('text', Buffer.from('x'.repeat(200)))).toBe(`${'x'.repeat(79)}…`);
  });
});

describe('errorStubFlag', () => {
  it('says what the name promises, what the entry holds, its size and what the page says', () => {
    const head = Buffer.from('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>');
    expect(errorStubFlag(expectedContent('cover.png')!, 1_412, head)).toEqual({
      kind: 'error-stub',
      reason: 'says .png but holds an HTML page (1,412 bytes): “502 Bad Gateway” — likely an error page the server saved in its place',
    });
    expect(errorStubFlag(expectedContent('a.pdf')!, 1, Buffer.from('x'))?.reason).toBe('says .pdf but holds plain text (1 byte): “x” — likely an error page the server saved in its place');
    expect(errorStubFlag(expectedContent('a.png')!, 8, sampleContent('png', 'a', 100))).toBeNull();
  });
});
