import { describe, expect, it } from 'vitest';
import { urlsOfDeepLink } from '../../../renderer/src/lib/deep-link';

describe('urlsOfDeepLink', () => {
  it('reads every url parameter of export-manager://track', () => {
    const link = `export-manager://track?url=${encodeURIComponent('https://cdn.example.com/a b.png')}&url=${encodeURIComponent('https://x.example/b.pdf?v=1&w=2')}`;
    expect(urlsOfDeepLink(link)).toEqual(['https://cdn.example.com/a b.png', 'https://x.example/b.pdf?v=1&w=2']);
  });

  it('reads a URL given as the path', () => {
    expect(urlsOfDeepLink(`export-manager://track/${encodeURIComponent('https://cdn.example.com/c.svg')}`)).toEqual([
      'https://cdn.example.com/c.svg',
    ]);
  });

  it('ignores other schemes, other actions, empty values and garbage', () => {
    expect(urlsOfDeepLink('https://track?url=https://a.example/x')).toEqual([]);
    expect(urlsOfDeepLink('export-manager://delete?url=https://a.example/x')).toEqual([]);
    expect(urlsOfDeepLink('export-manager://track?url=')).toEqual([]);
    expect(urlsOfDeepLink('not a url')).toEqual([]);
  });
});
