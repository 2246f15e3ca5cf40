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
