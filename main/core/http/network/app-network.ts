import { fixedProxyChooser, noProxyChooser } from './fixed-proxy';
import { createNetwork } from './network';
import type { Network, ProxyLoginPrompt, SkippedRouteNote } from './network';
import type { ProxyResolver } from './proxy-resolver';
import { systemProxyChooser } from './system-proxy';
import { createTrustStore } from './trust-store';

/** Where the app's own proxy and authority settings are said to come from, in errors. */
export const APP_NETWORK_SETTINGS = 'Settings → Network';

/** The app's network settings (shared/api/settings.ts has the same fields). */
export interface AppNetworkSettings {
  /** `system`: the OS settings, PAC, WPAD (through the resolver); `none`: straight; `manual`: `proxyUrl`. */
  proxyMode: 'system' | 'none' | 'manual';
  proxyUrl: string | null;
  /** The hosts `manual` sends straight ("No proxy for", NO_PROXY's syntax), or null. */
  proxyBypass: string | null;
  /** A PEM file of extra certificate authorities, trusted besides the OS store and Node's roots. */
  extraCaFile: string | null;
}

/** What the app's network is built with besides its settings. */
export interface AppNetworkPorts {
  /** The system's proxy settings (Electron's resolveProxy); null: System mode goes direct. */
  resolver: ProxyResolver | null;
  /** The window's prompt for a proxy's login (see keychainProxyLogins). */
  logins: ProxyLoginPrompt | null;
  /** Where a request routed past a proxy that cannot be used is noted. */
  noteSkipped?: (note: SkippedRouteNote) => void;
}

/**
 * The app's network from its settings: the system's proxies through the ProxyResolver port
 * (Electron's resolveProxy), none, or the manual one with its "No proxy for" list; the OS trust
 * store, Node's roots and the extra PEM file; the window's prompt for a proxy's login. Built
 * again when a setting changes, which also forgets logins given to the old proxy.
 */
export function appNetwork(settings: AppNetworkSettings, ports: AppNetworkPorts): Network {
  const proxies =
    settings.proxyMode === 'manual' && settings.proxyUrl
      ? fixedProxyChooser(settings.proxyUrl, APP_NETWORK_SETTINGS, settings.proxyBypass)
      : settings.proxyMode === 'system' && ports.resolver
        ? systemProxyChooser(ports.resolver)
        : noProxyChooser;
  const extraCaFiles = settings.extraCaFile ? [{ file: settings.extraCaFile, from: APP_NETWORK_SETTINGS }] : [];
  return createNetwork({ proxies, trust: createTrustStore({ extraCaFiles }), logins: ports.logins, ...(ports.noteSkipped ? { noteSkipped: ports.noteSkipped } : {}) });
}

/**
 * A Network that follows the settings: each request asks for the current settings and uses the
 * network built for them, rebuilt only when they changed. Hand this to the rooms that send
 * requests, so a change in Settings → Network applies to the next request without a restart.
 */
export function followingNetwork(current: () => AppNetworkSettings, ports: AppNetworkPorts): Network {
  let built: { key: string; network: Network } | null = null;
  const network = (): Network => {
    const settings = current();
    const key = JSON.stringify([settings.proxyMode, settings.proxyUrl, settings.proxyBypass, settings.extraCaFile]);
    if (built?.key !== key) built = { key, network: appNetwork(settings, ports) };
    return built.network;
  };
  return {
    routeFor: (target) => network().routeFor(target),
    // Every network built here has a createTrustStore, which lists its certificates.
    trust: { secureContext: () => network().trust.secureContext(), certificates: async () => network().trust.certificates?.() },
    get logins() {
      return network().logins;
    },
    loginFor: (entry) => network().loginFor(entry),
    remember: (entry, login) => network().remember(entry, login),
    forget: (entry, login) => network().forget(entry, login),
    noteSkipped: (note) => ports.noteSkipped?.(note),
  };
}
