import { BlockList, isIP } from 'node:net';

/** One NO_PROXY entry, parsed. */
type Exemption =
  | { kind: 'all' }
  | { kind: 'host'; host: string; port: string | null }
  | { kind: 'ip'; address: string; port: string | null }
  | { kind: 'range'; list: BlockList };

/** A host as compared: lower case, without IPv6 brackets or a final dot. */
function normalHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** A CIDR range (`10.0.0.0/8`, `fd00::/8`), or null when `entry` is not one. */
function parseRange(entry: string): BlockList | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match) return null;
  const address = normalHost(match[1] ?? '');
  const family = isIP(address);
  const prefix = Number(match[2]);
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return null;
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

/** Splits `host:port` and `[v6]:port`; a bare IPv6 address has no port. */
function splitPort(entry: string): { host: string; port: string | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? null };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostPort) return { host: hostPort[1] ?? '', port: hostPort[2] ?? null };
  return { host: entry, port: null };
}

function parseExemption(raw: string): Exemption | null {
  if (raw === '*') return { kind: 'all' };
  const range = parseRange(raw);
  if (range) return { kind: 'range', list: range };
  const { host, port } = splitPort(raw);
  const name = normalHost(host);
  if (isIP(name) !== 0) return { kind: 'ip', address: name, port };
  // `.example.com` and `*.example.com` mean the domain, as `example.com` does: the domain and every host under it.
  const domain = name.replace(/^\*?\./, '');
  return domain ? { kind: 'host', host: domain, port } : null;
}

/** The port a URL goes to: its own, else its scheme's default. */
function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function exempts(exemption: Exemption, host: string, port: string): boolean {
  switch (exemption.kind) {
    case 'all':
      return true;
    case 'range': {
      const family = isIP(host);
      return family !== 0 && exemption.list.check(host, family === 4 ? 'ipv4' : 'ipv6');
    }
    case 'ip':
      return (exemption.port === null || exemption.port === port) && isIP(host) !== 0 && sameAddress(exemption.address, host);
    case 'host':
      return (exemption.port === null || exemption.port === port) && (host === exemption.host || host.endsWith(`.${exemption.host}`));
  }
}

/** Whether two IP literals are the same address (`::1` and `0:0:0:0:0:0:0:1`). */
function sameAddress(a: string, b: string): boolean {
  if (a === b) return true;
  if (isIP(a) !== isIP(b)) return false;
  const list = new BlockList();
  list.addAddress(a, isIP(a) === 4 ? 'ipv4' : 'ipv6');
  return list.check(b, isIP(b) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether a NO_PROXY list (or `--noproxy`) sends `target` straight to its server, by curl's
 * rules and the common extensions: entries separated by commas or white space; `*` alone
 * exempts everything; a host name exempts itself and every host under it (`example.com`,
 * `.example.com` and `*.example.com` all match `www.example.com`, none matches
 * `notexample.com`); an IP literal matches that address only, a CIDR range (`10.0.0.0/8`) any
 * address in it (never a host name: names are not resolved for this); `host:port` (or
 * `[v6]:port`) exempts that port only. Case does not matter.
 */
export function bypassesProxy(target: URL, noProxy: string | null | undefined): boolean {
  if (!noProxy) return false;
  const host = normalHost(target.hostname);
  const port = portOf(target);
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseExemption)
    .some((exemption) => exemption !== null && exempts(exemption, host, port));
}
