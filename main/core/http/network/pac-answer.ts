import { fail } from '../../app-error';
import { DIRECT } from './proxy-route';
import type { ProxyEntry } from './proxy-route';
import { parseProxyUrl } from './proxy-url';

/** Where a proxy of the system's answer is said to come from, in an error. */
export const SYSTEM_PROXY_SOURCE = "the system's proxy settings";

/**
 * Reads a PAC-style answer (what `FindProxyForURL` and Electron's `resolveProxy` return):
 * entries separated by `;`, each `DIRECT` or `PROXY host:port` (`HTTP host:port` is the same),
 * tried in order. SOCKS, HTTPS and QUIC entries are skipped: Export Manager speaks to HTTP
 * proxies only. An empty answer means DIRECT; an answer with nothing usable fails as
 * `validation`, naming what the system asked for and how to choose differently.
 */
export function parsePacAnswer(answer: string, from = SYSTEM_PROXY_SOURCE): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  const skipped: string[] = [];
  for (const part of answer.split(';').map((item) => item.trim()).filter(Boolean)) {
    const [type = '', address = ''] = part.split(/\s+/, 2);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') entries.push(DIRECT);
    else if ((kind === 'PROXY' || kind === 'HTTP') && address) entries.push({ kind: 'proxy', proxy: parseProxyUrl(`http://${address}`, from), from });
    else skipped.push(kind || part);
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
