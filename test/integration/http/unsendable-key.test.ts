import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { checkConnection } from '../../../main/core/http/check-connection';
import { startLoopbackServer } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { UNSENDABLE_KEYS } from '../../helpers/unsendable-keys';

let server: LoopbackServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/**
 * A key stored before the rule existed (or given in EXPORT_MANAGER_API_KEY) that is no header
 * value: refused as `validation` before anything is sent, never three `network` failures.
 */
describe('a request with an unsendable API key', () => {
  it.each(UNSENDABLE_KEYS)('with %s fails as validation before any request', async (_what, bad) => {
    server = await startLoopbackServer((_request, response) => response.end('{"success":true,"exportedUrls":[]}'));
    const error = appErrorOf(await requestExportUrls({ baseUrl: server.baseUrl, apiKey: bad, sourceFileUrls: ['https://cdn.example/a.png'], retry: { baseDelayMs: 10 } }).then(() => null, (e: unknown) => e));
    expect(error?.kind).toBe('validation');
    expect(error?.message).toMatch(/API key/);
    expect(error?.message).not.toContain('0123');
    expect(server.requests).toHaveLength(0);
  });

  it('is refused by the connection check too, before any request', async () => {
    server = await startLoopbackServer((_request, response) => response.end('{}'));
    const error = appErrorOf(await checkConnection({ baseUrl: server.baseUrl, apiKey: 'bad\u0000key' }).then(() => null, (e: unknown) => e));
    expect(error?.kind).toBe('validation');
    expect(server.requests).toHaveLength(0);
  });
});
