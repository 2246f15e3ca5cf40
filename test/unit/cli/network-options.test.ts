import { describe, expect, it } from 'vitest';
import { NETWORK_HELP, NETWORK_OPTIONS, networkFromFlags } from '../../../main/cli/network-options';
import { parseCommandArgs } from '../../../main/cli/command';
import { UsageError } from '../../../main/cli/usage-error';
import { proxyLabel } from '../../../main/core/http/network/proxy-url';

const io = { env: { HTTPS_PROXY: 'http://env.corp:3128', NO_PROXY: 'internal.corp' }, cwd: '/work' };

function usageErrorOf(run: () => unknown): UsageError | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof UsageError ? error : null;
  }
}

describe('the command line’s network flags', () => {
  it('parse as curl spells them: --proxy, --noproxy, --cacert repeated', () => {
    const { values } = parseCommandArgs('download', ['--proxy', 'http://p.corp:8080', '--noproxy', 'a.corp,b.corp', '--cacert', 'one.pem', '--cacert', 'two.pem'], NETWORK_OPTIONS);
    expect(values).toMatchObject({ proxy: 'http://p.corp:8080', noproxy: 'a.corp,b.corp', cacert: ['one.pem', 'two.pem'] });
    expect(NETWORK_HELP).toMatch(/--proxy URL[\s\S]*--noproxy LIST[\s\S]*--cacert FILE/);
  });

  it('let --proxy win over the environment, and the environment apply without flags', async () => {
    const target = new URL('https://api.example.com/api');
    const [flagged] = await networkFromFlags({ proxy: 'p.corp:8080' }, io, 'download').routeFor(target);
    expect(flagged?.kind === 'proxy' && `${proxyLabel(flagged.proxy)} ${flagged.from}`).toBe('p.corp:8080 --proxy');
    const [fromEnv] = await networkFromFlags({}, io, 'download').routeFor(target);
    expect(fromEnv?.kind === 'proxy' && fromEnv.from).toBe('HTTPS_PROXY');
    expect(await networkFromFlags({}, io, 'download').routeFor(new URL('https://x.internal.corp/'))).toEqual([{ kind: 'direct' }]);
  });

  it('refuse a --proxy that cannot be used as a usage error, before anything is sent, without echoing a password', () => {
    const error = usageErrorOf(() => networkFromFlags({ proxy: 'socks5://me:hunter2@p.corp:1080' }, io, 'download'));
    expect(error?.command).toBe('download');
    expect(error?.message).toMatch(/--proxy is a socks5 proxy/);
    expect(error?.message).not.toContain('hunter2');
    expect(usageErrorOf(() => networkFromFlags({ cacert: [''] }, io, 'download'))?.message).toMatch(/--cacert takes the path of a PEM file/);
  });

  it('never asks for a proxy login: it goes in the URL', () => {
    expect(networkFromFlags({}, io, 'download').logins).toBeNull();
  });
});
