import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appFileFor, contentTypeOf } from '../../../main/electron/app-files';

const root = join('/opt', 'Export Manager', 'dist', 'renderer');

describe('appFileFor (files behind app://)', () => {
  it('maps app://export-manager/ paths to files in the renderer folder', () => {
    expect(appFileFor(root, APP_INDEX_URL)).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://export-manager/')).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://export-manager/assets/index-3f2a.js?v=1#x')).toBe(join(root, 'assets', 'index-3f2a.js'));
    expect(appFileFor(root, 'app://export-manager/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('refuses other hosts and schemes, and anything that would leave the folder', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'https://export-manager/index.html',
      'app://export-manager/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://export-manager/..%5c..%5cwindows',
      // An encoded separator that stays inside the folder is refused too: no second spelling of a path.
      'app://export-manager/assets%2Findex-3f2a.js',
      'app://export-manager/assets%5cindex-3f2a.js',
      'app://export-manager/a%00.html',
      'app://export-manager/%E0%A4%A',
      'not a url',
    ]) {
      expect(appFileFor(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments that the URL parser resolves inside the folder', () => {
    expect(appFileFor(root, 'app://export-manager/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(appFileFor(root, 'app://export-manager/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('gives each served file its content type', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('favicon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});
