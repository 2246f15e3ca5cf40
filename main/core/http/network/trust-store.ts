import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import type { SecureContext } from 'node:tls';
import { appError, fail } from '../../app-error';

/** Which certificate authorities verify https servers. */
export interface TrustStore {
  /** The TLS context to verify with, or undefined for Node's default (its bundled roots and NODE_EXTRA_CA_CERTS). */
  secureContext(): Promise<SecureContext | undefined>;
  /**
   * The authorities (PEM) that context is built from, or undefined for Node's default: what a
   * connection made where a SecureContext cannot go builds its own from (the fast body path's
   * worker thread, http/fast-body/). A store without it cannot be used there (the got path serves).
   */
  certificates?(): Promise<string[] | undefined>;
}

/**
 * `tls.getCACertificates(type)`: added in Node v22.15.0 and v23.9.0 (nodejs/node#57107; "Since
 * v22.15.0" in the API docs). Electron 40 already ships Node 24.11.1 (electronjs.org/blog/electron-40-0)
 * and 43.1 Node 24.18.0 (electron/electron release v43.1.0), so the app's Electron 45 has it; the
 * command line under Node 20 has not, and falls back to Node's bundled roots plus the extras.
 * Feature-tested, not version-tested.
 */
type CaSource = 'system' | 'extra';
const getCACertificates = (tls as { getCACertificates?: (type: CaSource) => string[] }).getCACertificates;

/** The OS trust store's authorities (Windows, macOS keychain, the Linux bundle), where this Node can read them; else none. */
export function systemCertificates(): string[] {
  try {
    return getCACertificates?.('system') ?? [];
  } catch {
    return []; // a store that cannot be read leaves Node's own roots, as before
  }
}

/**
 * NODE_EXTRA_CA_CERTS' authorities: Node adds them to its default store at start, but a TLS
 * context built with its own `ca` list replaces that store, so they are put back by hand.
 */
async function nodeExtraCertificates(env: NodeJS.ProcessEnv): Promise<string[]> {
  if (getCACertificates) return getCACertificates('extra');
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  // Node already warned on stderr at start when the file could not be read.
  return readFile(file, 'utf8').then(pemCertificates, () => []);
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificates in a text (a bundle may hold many, with comments between them). */
function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** Reads one extra CA file: PEM, one certificate or many. Unreadable → `disk`; no usable certificate → `validation`. */
async function readCaFile(file: string, from: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw appError('disk', `The certificate authority file ${file} (${from}) ${reason}. Check the path.`, { cause: error });
  }
  const certificates = pemCertificates(text);
  if (certificates.length === 0) {
    fail('validation', `The certificate authority file ${file} (${from}) holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Export the authority's certificate as PEM (Base-64).`);
  }
  for (const pem of certificates) {
    try {
      new X509Certificate(pem);
    } catch {
      fail('validation', `The certificate authority file ${file} (${from}) holds a certificate that cannot be read. Export it again as PEM (Base-64).`);
    }
  }
  return certificates;
}

/** Extra authorities to trust: files and where each was set (`--cacert`, Settings → Network). */
export interface TrustOptions {
  extraCaFiles: ReadonlyArray<{ file: string; from: string }>;
  /** Trust the OS store too (default true; it is absent under Node 20, see systemCertificates). */
  system?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The trust of every https request: Node's bundled Mozilla roots, the OS trust store where Node
 * offers it, NODE_EXTRA_CA_CERTS, and the extra PEM files. Built once, on first use (parsing a
 * few hundred roots per request would show in a folder of small downloads); a file that fails
 * fails every request until it is fixed, since a request must never go out with less trust than
 * asked for silently.
 */
export function createTrustStore(options: TrustOptions): TrustStore {
  let built: Promise<{ context: SecureContext; ca: string[] } | undefined> | null = null;
  const build = async (): Promise<{ context: SecureContext; ca: string[] } | undefined> => {
    const system = options.system === false ? [] : systemCertificates();
    const extras = (await Promise.all(options.extraCaFiles.map(({ file, from }) => readCaFile(file, from)))).flat();
    if (system.length === 0 && extras.length === 0) return undefined;
    const nodeExtras = await nodeExtraCertificates(options.env ?? process.env);
    const ca = [...new Set([...tls.rootCertificates, ...system, ...nodeExtras, ...extras])];
    return { context: tls.createSecureContext({ ca }), ca };
  };
  const trust = () => {
    built ??= build();
    // A failure is not kept: the person fixes the file and tries again without restarting.
    built.catch(() => (built = null));
    return built;
  };
  return {
    secureContext: async () => (await trust())?.context,
    certificates: async () => (await trust())?.ca,
  };
}

/** Node's own trust, as today: bundled roots and NODE_EXTRA_CA_CERTS. */
export const NODE_DEFAULT_TRUST: TrustStore = { secureContext: async () => undefined, certificates: async () => undefined };
