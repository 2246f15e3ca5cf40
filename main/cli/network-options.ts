import { resolve } from 'node:path';
import { AppErrorException } from '../core/app-error';
import { environmentProxyChooser } from '../core/http/network/environment-proxy';
import { createNetwork } from '../core/http/network/network';
import type { Network } from '../core/http/network/network';
import { parseProxyUrl } from '../core/http/network/proxy-url';
import { createTrustStore } from '../core/http/network/trust-store';
import type { CliIo } from './io';
import { UsageError } from './usage-error';

/** The flags of every command that talks to a backend, for its parseArgs options (curl's names). */
export const NETWORK_OPTIONS = {
  proxy: { type: 'string' },
  noproxy: { type: 'string' },
  cacert: { type: 'string', multiple: true },
} as const;

/** The `--help` lines of NETWORK_OPTIONS, for the commands that take them. */
export const NETWORK_HELP = `Company networks (curl's conventions):
  --proxy URL          use this HTTP proxy (http://host:port, http://user:password@host:port; the port
                       defaults to 1080); wins over HTTPS_PROXY, HTTP_PROXY and ALL_PROXY (either case),
                       which are used otherwise. --proxy "" uses none. https goes through it with CONNECT:
                       the proxy never sees the API key. This machine's addresses keep off proxies elsewhere
  --noproxy LIST       hosts that go straight, not through the proxy (wins over NO_PROXY): comma-separated
                       names (example.com matches its subdomains too), IP addresses, CIDR ranges, host:port,
                       or * for all
  --cacert FILE        also trust the certificate authorities in this PEM file (one or many; repeatable), as
                       NODE_EXTRA_CA_CERTS does; certificate verification is never turned off`;

/** The values of NETWORK_OPTIONS as parseArgs returns them. */
export interface NetworkFlags {
  proxy?: string;
  noproxy?: string;
  cacert?: string[];
}

/**
 * The network of a command run: its flags over the environment (see environmentProxyChooser),
 * `--cacert` files (relative to the working folder) besides Node's roots, the OS store where
 * Node offers it, and NODE_EXTRA_CA_CERTS. A `--proxy` that cannot be used is a usage error,
 * before anything is sent; a proxy variable that cannot be used fails the first request that
 * would use it, naming the variable. No one is asked for a proxy login: it goes in the URL.
 */
export function networkFromFlags(values: NetworkFlags, io: Pick<CliIo, 'env' | 'cwd'>, command: string): Network {
  if (values.proxy !== undefined && values.proxy.trim() !== '') {
    try {
      parseProxyUrl(values.proxy, '--proxy');
    } catch (error) {
      if (error instanceof AppErrorException) throw new UsageError(error.message, command);
      throw error;
    }
  }
  if (values.cacert?.some((file) => file.trim() === '')) throw new UsageError('--cacert takes the path of a PEM file', command);
  return createNetwork({
    proxies: environmentProxyChooser({ proxy: values.proxy ?? null, noProxy: values.noproxy ?? null, env: io.env }),
    trust: createTrustStore({ extraCaFiles: (values.cacert ?? []).map((file) => ({ file: resolve(io.cwd, file), from: '--cacert' })), env: io.env }),
    logins: null,
  });
}
