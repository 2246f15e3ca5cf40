import { describe, expect, it } from 'vitest';
import { GOT_USER_AGENT, requestBytes } from '../../../main/core/http/fast-body/request-bytes';

const body = Buffer.from('{"items":[{"sourceFileUrl":"https://cdn.example/a.png"}]}');

describe('the fast path\'s request', () => {
  it('is the batch POST got sends, with its length, host and one exchange per connection', () => {
    const text = requestBytes({ url: new URL('http://127.0.0.1:8080/api/viewer/exports/download-batch'), body, headers: { 'x-api-key': 'k-1', 'content-type': 'application/json' }, forwardProxy: null }).toString('latin1');
    const [head, sent] = text.split('\r\n\r\n');
    expect(head!.split('\r\n')).toEqual([
      'POST /api/viewer/exports/download-batch HTTP/1.1',
      `user-agent: ${GOT_USER_AGENT}`,
      'x-api-key: k-1',
      'content-type: application/json',
      `content-length: ${body.length}`,
      'host: 127.0.0.1:8080',
      'connection: close',
    ]);
    expect(sent).toBe(body.toString());
  });

  it('names the whole URL and the proxy\'s login through a plain-http proxy', () => {
    const text = requestBytes({ url: new URL('http://[::1]:81/api/viewer/exports/download-batch'), body, headers: {}, forwardProxy: { authorization: 'Basic YTpi' } }).toString('latin1');
    expect(text.startsWith('POST http://[::1]:81/api/viewer/exports/download-batch HTTP/1.1\r\n')).toBe(true);
    expect(text).toContain('\r\nproxy-authorization: Basic YTpi\r\n');
    expect(text).toContain('\r\nhost: [::1]:81\r\n');
  });
});
