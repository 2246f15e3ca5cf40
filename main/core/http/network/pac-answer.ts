import { fail } from '../../app-error';
import { DIRECT } from './proxy-route';
import type { ProxyEntry } from './proxy-route';
import { parseProxyUrl } from './proxy-url';

/** Where a proxy of the system's answer is said to come from, in an error. */
export const SYSTEM_PROXY_SOURCE = "the system's proxy settings";

/**
 * Reads a PAC-style answer (what `FindProxyForURL` and Electron's `resolveProxy` return):
 * entries separated by `;`, each `DIRECT` or `PROXY host:port` (`HTTP host:port` is the same),
 * tried in order. SOCKS, HTTPS and QUIC entries are passed over (Export Manager speaks to HTTP
 * proxies only), never silently: the entry after them carries them in `skipped`, so taking it is
 * noted. An empty answer means DIRECT; an answer with nothing usable fails as `validation`,
 * naming what the system asked for and how to choose differently.
 */
export function parsePacAnswer(answer: string, from = SYSTEM_PROXY_SOURCE): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  const skipped: string[] = [];
  // The unusable entries since the last usable one: the next usable one carries them.
  let passedOver: string[] = [];
  const add = (entry: ProxyEntry) => {
    entries.push(passedOver.length > 0 ? { ...entry, skipped: { entries: passedOver, from } } : entry);
    passedOver = [];
  };
  for (const part of answer.split(';').map((item) => item.trim()).filter(Boolean)) {
    const [type = '', address = ''] = part.split(/\s+/, 2);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') add(DIRECT);
    else if ((kind === 'PROXY' || kind === 'HTTP') && address) add({ kind: 'proxy', proxy: parseProxyUrl(`http://${address}`, from), from });
    else {
      skipped.push(kind || part);
      passedOver.push(address ? `${kind} ${address.slice(0, 100)}` : kind.slice(0, 100));
    }
  }
  if (entries.length > 0) return entries;
  if (skipped.length === 0) return [DIRECT];
  fail(
    'validation',
    `${capitalized(from)} name only proxies Export Manager cannot use (${[...new Set(skipped)].join(', ')}; it speaks to HTTP proxies only). ` +
      'Choose "Manual" with an HTTP proxy, or "No proxy", in Settings → Network.',
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
