import { describe, expect, it } from 'vitest';
import { checkedFetchUrl, fetchedFileName } from '../../../../main/core/downloads/fetch-one-url';
import { formatUrlList } from '../../../../main/core/downloads/url-list-file';
import { csvField } from '../../../../main/core/files/csv';

const list = {
  exportedUrls: ['https://cdn.example/a.png', 'https://cdn.example/b,c.png'],
  skipped: [
    { sourceFileUrl: 'https://x/"odd"', reason: 'Export not found', raw: '{"sourceFileUrl":"https://x/\\"odd\\"","reason":"Export not found"}' },
    { raw: '42' },
  ],
};

describe('URL list files', () => {
  it('quotes CSV fields with commas, quotes or line breaks and leaves plain ones alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes URL lists with the one CSV writer of the app: edge white space is quoted so spreadsheets keep it', () => {
    const padded = formatUrlList({ exportedUrls: [], skipped: [{ sourceFileUrl: 'https://cdn.example/x.png', reason: ' Export not found ', raw: '{}' }] }, 'csv');
    expect(padded).toBe('url,status,reason\r\nhttps://cdn.example/x.png,skipped," Export not found "\r\n');
  });

  it('writes CSV as a url,status,reason table: exported rows, then skipped rows', () => {
    expect(formatUrlList(list, 'csv')).toBe(
      'url,status,reason\r\nhttps://cdn.example/a.png,exported,\r\n"https://cdn.example/b,c.png",exported,\r\n' +
        '"https://x/""odd""",skipped,Export not found\r\n42,skipped,\r\n',
    );
  });

  it('writes txt as one exported URL a line and json in the backend shape with skipped items as received', () => {
    expect(formatUrlList(list, 'txt')).toBe('https://cdn.example/a.png\nhttps://cdn.example/b,c.png\n');
    expect(JSON.parse(formatUrlList(list, 'json'))).toEqual({
      exportedUrls: list.exportedUrls,
      skipped: [{ sourceFileUrl: 'https://x/"odd"', reason: 'Export not found' }, 42],
    });
  });
});

describe('fetched file names', () => {
  it('prefers a sanitized Content-Disposition name over the URL', () => {
    expect(fetchedFileName(new URL('https://x/files/a.bin'), 'attachment; filename="../../evil.png"')).toBe('evil.png');
  });

  it('falls back to the decoded, sanitized last URL segment, then to "download"', () => {
    expect(fetchedFileName(new URL('https://x/files/R%C3%A9sum%C3%A9%20%E2%80%93%20final.pdf?sig=1'), undefined)).toBe('Résumé – final.pdf');
    expect(fetchedFileName(new URL('https://x/files/CON.txt'), undefined)).toBe('_CON.txt');
    expect(fetchedFileName(new URL('https://x/files/bad%E0%A4%A.bin'), undefined)).toBe('bad%E0%A4%A.bin');
    expect(fetchedFileName(new URL('https://x/'), undefined)).toBe('download');
  });

  it('accepts only http and https URLs', () => {
    expect(checkedFetchUrl('https://x/a').protocol).toBe('https:');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://x/a', 'not a url']) {
      expect(() => checkedFetchUrl(bad)).toThrow(/not http or https/);
    }
  });
});
