import { describe, expect, it } from 'vitest';
import type { RouteNote } from '../../../shared/api/network';
import { createNetwork } from '../../../main/core/http/network/network';
import type { ProxyLoginRequest, SkippedRouteNote } from '../../../main/core/http/network/network';
import { ProxyFailure } from '../../../main/core/http/network/network-failure';
import { parsePacAnswer } from '../../../main/core/http/network/pac-answer';
import type { ProxyLogin } from '../../../main/core/http/network/proxy-url';
import { RouteNotes } from '../../../main/core/http/network/route-notes';
import { throughNetwork } from '../../../main/core/http/network/through-network';
import type { Via } from '../../../main/core/http/network/through-network';

const TARGET = new URL('https://api.example.com/api');
const PROXY = { kind: 'proxy', proxy: new URL('http://proxy.corp:3128'), from: 'Settings → Network' } as const;
const GOOD: ProxyLogin = { username: 'ana', password: 'right' };

/**
 * A stand-in for the proxy at the agent's door: it answers 407 to an attempt without `GOOD`
 * (login-required without a login, login-rejected with a wrong one), and lets `GOOD` through.
 */
function attemptThroughProxy(sent: Array<string | null>) {
  return async (via: Via): Promise<string> => {
    const authorization = via.sendsProxyLogin ? (via.agents.https as unknown as { route: { proxyAuthorization: string } }).route.proxyAuthorization : null;
    sent.push(authorization === null ? null : Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8'));
    if (authorization === `Basic ${Buffer.from('ana:right').toString('base64')}`) return 'through';
    throw new ProxyFailure(authorization === null ? 'login-required' : 'login-rejected', 'proxy.corp:3128', 'Settings → Network', { status: 407 });
  };
}

describe('requests that meet a proxy’s 407', () => {
  it('try a login another request was given meanwhile instead of asking again', async () => {
    const asked: ProxyLoginRequest[] = [];
    let answer: (login: ProxyLogin | null) => void = () => {};
    const network = createNetwork({
      proxies: async () => [PROXY],
      logins: { ask: (request) => (asked.push(request), new Promise((resolve) => (answer = resolve))) },
    });
    const sentFirst: Array<string | null> = [];
    const first = throughNetwork(network, TARGET, 1000, attemptThroughProxy(sentFirst));
    // A second request set out before the answer, without a login; its 407 arrives after it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const sentSecond: Array<string | null> = [];
    let setOut = false;
    const second = throughNetwork(network, TARGET, 1000, async (via) => {
      if (!setOut) {
        setOut = true;
        await held;
      }
      return attemptThroughProxy(sentSecond)(via);
    });
    while (asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    answer(GOOD);
    expect(await first).toBe('through');
    release();
    expect(await second).toBe('through');
    expect(sentFirst).toEqual([null, 'ana:right']);
    expect(sentSecond).toEqual([null, 'ana:right']);
    expect(asked).toHaveLength(1);
  });

  it('ask again after a refusal, naming the refused user name, and give up with the proxy’s error after three questions', async () => {
    const asked: ProxyLoginRequest[] = [];
    const network = createNetwork({
      proxies: async () => [PROXY],
      logins: { ask: async (request) => (asked.push(request), { username: 'ana', password: `wrong-${asked.length}` }) },
    });
    const sent: Array<string | null> = [];
    const failure = await throughNetwork(network, TARGET, 1000, attemptThroughProxy(sent)).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ProxyFailure);
    expect((failure as ProxyFailure).problem).toBe('login-rejected');
    expect(asked.map(({ rejected, username }) => [rejected, username])).toEqual([[false, null], [true, 'ana'], [true, 'ana']]);
    expect(sent).toEqual([null, 'ana:wrong-1', 'ana:wrong-2', 'ana:wrong-3']);
    // A refused login is not kept for the next request.
    expect(network.loginFor(PROXY)).toBeNull();
  });

  it('stop waiting for the answer when the request is cancelled, failing with the proxy’s 407', async () => {
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const network = createNetwork({
      proxies: async () => [PROXY],
      logins: {
        ask: (_request, signal) =>
          new Promise((resolve) => {
            seenSignal = signal;
            signal?.addEventListener('abort', () => resolve(null));
          }),
      },
    });
    const request = throughNetwork(network, TARGET, 1000, attemptThroughProxy([]), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const failure = await request.then(() => null, (error: unknown) => error);
    expect(seenSignal).toBe(controller.signal);
    expect((failure as ProxyFailure).problem).toBe('login-required');
  });
});

describe('a PAC answer that names a proxy the app cannot use', () => {
  it('goes on to the next entry, and says so: never straight to the server in silence', async () => {
    const noted: SkippedRouteNote[] = [];
    const network = createNetwork({ proxies: async () => parsePacAnswer('SOCKS5 socks.corp:1080; HTTPS tls.corp:443; DIRECT'), noteSkipped: (note) => void noted.push(note) });
    const via: string[] = [];
    await throughNetwork(network, TARGET, 1000, async (route) => void via.push(route.entry.kind));
    expect(via).toEqual(['direct']);
    expect(noted).toEqual([{ target: 'api.example.com', skipped: { entries: ['SOCKS5 socks.corp:1080', 'HTTPS tls.corp:443'], from: "the system's proxy settings" }, via: expect.objectContaining({ kind: 'direct' }) }]);
  });

  it('notes nothing for an answer whose first entry is used', async () => {
    const noted: SkippedRouteNote[] = [];
    const network = createNetwork({ proxies: async () => parsePacAnswer('PROXY p.corp:8080; SOCKS5 s.corp:1080'), noteSkipped: (note) => void noted.push(note) });
    await throughNetwork(network, TARGET, 1000, async () => 'ok');
    expect(noted).toEqual([]);
  });

  it('words the note for Settings → Network, keeps it once however often it recurs, newest first', () => {
    const pushed: RouteNote[][] = [];
    const notes = new RouteNotes({ emit: (_name, payload) => void pushed.push(payload as RouteNote[]) });
    const [direct] = parsePacAnswer('SOCKS5 socks.corp:1080; DIRECT');
    const [proxy] = parsePacAnswer('SOCKS s.corp:1080; PROXY p.corp:8080');
    notes.add({ target: 'api.example.com', skipped: direct!.skipped!, via: direct! });
    notes.add({ target: 'api.example.com', skipped: direct!.skipped!, via: direct! });
    notes.add({ target: 'files.example.com', skipped: proxy!.skipped!, via: proxy! });
    expect(notes.list().map((note) => note.message)).toEqual([
      "For files.example.com, the system's proxy settings named SOCKS s.corp:1080, which Export Manager cannot use (it speaks to HTTP proxies only), so the request went through the next proxy, p.corp:8080. If that is not allowed on your network, choose \"Manual\" with an HTTP proxy.",
      "For api.example.com, the system's proxy settings named SOCKS5 socks.corp:1080, which Export Manager cannot use (it speaks to HTTP proxies only), so the request went straight to the server (DIRECT). If that is not allowed on your network, choose \"Manual\" with an HTTP proxy.",
    ]);
    expect(pushed).toHaveLength(2);
  });
});
