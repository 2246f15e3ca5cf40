import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../../renderer/src/lib/deep-link';

describe('parseDeepLink', () => {
  it('reads every url parameter of export-manager://track', () => {
    const link = `export-manager://track?url=${encodeURIComponent('https://cdn.example.com/a b.png')}&url=${encodeURIComponent('https://x.example/b.pdf?v=1&w=2')}`;
    expect(parseDeepLink(link)).toEqual({ kind: 'track', urls: ['https://cdn.example.com/a b.png', 'https://x.example/b.pdf?v=1&w=2'] });
  });

  it('reads a URL given as the path, whatever the case of the scheme', () => {
    expect(parseDeepLink(`Export-Manager://track/${encodeURIComponent('https://cdn.example.com/c.svg')}`)).toEqual({
      kind: 'track',
      urls: ['https://cdn.example.com/c.svg'],
    });
  });

  it('says why, without throwing, for a malformed escape, another action, no url, or another scheme', () => {
    expect(parseDeepLink('export-manager://track?url=https%3A%2F%2Fa.example%2F%E0%A4%A')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/malformed %-escape/) });
    expect(parseDeepLink('export-manager://track/%ZZ')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/malformed/) });
    expect(parseDeepLink('export-manager://delete?url=https://a.example/x')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/only track/) });
    expect(parseDeepLink('export-manager://track?url=')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/no export/) });
    expect(parseDeepLink('https://track?url=https://a.example/x')).toMatchObject({ kind: 'invalid' });
    expect(parseDeepLink('not a url')).toMatchObject({ kind: 'invalid' });
  });
});
