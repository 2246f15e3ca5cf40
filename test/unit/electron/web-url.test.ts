import { describe, expect, it } from 'vitest';
import { isWebUrl } from '../../../main/electron/web-url';

describe('isWebUrl', () => {
  it('accepts http and https links only', () => {
    expect(isWebUrl('https://example.com/a?b#c')).toBe(true);
    expect(isWebUrl('HTTP://EXAMPLE.COM')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'export-manager://track', 'https//no-colon', '', 'data:text/html,x']) {
      expect(isWebUrl(url), url).toBe(false);
    }
  });
});
