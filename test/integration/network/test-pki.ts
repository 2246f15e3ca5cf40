import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether openssl can be run here (Debian's `openssl` package). */
export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl && process.env.CI === 'true') throw new Error('CI needs openssl (Debian "openssl") for the certificate tests.');

/** Certificates made for one run: nothing here is fixed, and every key is new. */
export interface TestPki {
  dir: string;
  /** The authority that signed the server's certificate (PEM file, and its text). */
  caFile: string;
  caPem: string;
  /** The authority's common name, which a certificate error must name. */
  caName: string;
  /** Another authority, that signed nothing this run uses. */
  otherCaFile: string;
  /** The server's key and certificate (for 127.0.0.1 and localhost), signed by `caFile`. */
  server: { key: string; cert: string };
  /** A certificate for another name (`elsewhere.invalid`), signed by the same authority. */
  wrongName: { key: string; cert: string };
  /** A server certificate for 127.0.0.1 that signed itself (no authority), named `selfSignedName`. */
  selfSigned: { key: string; cert: string };
  selfSignedName: string;
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
}

/** A self-signed authority named `name`, as `file`.pem with its key `file`.key. */
function makeAuthority(dir: string, file: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.pem`, '-days', '2', '-subj', `/CN=${name}/O=Export Manager tests`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
}

/** A server certificate for `altNames`, signed by the authority `ca`. */
function makeServerCert(dir: string, file: string, ca: string, altNames: string): { key: string; cert: string } {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', `/CN=${file}`], dir);
  writeFileSync(join(dir, `${file}.ext`), `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', `${file}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${file}.pem`, '-days', '2', '-extfile', `${file}.ext`], dir);
  return { key: readFileSync(join(dir, `${file}.key`), 'utf8'), cert: readFileSync(join(dir, `${file}.pem`), 'utf8') };
}

/** Makes an authority, a server certificate it signs for 127.0.0.1, and an unrelated authority, in a new folder. */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'export-manager-pki-'));
  const caName = `Export Manager Test CA ${process.pid}-${Date.now()}`;
  makeAuthority(dir, 'ca', caName);
  makeAuthority(dir, 'other-ca', 'Unrelated Test CA');
  const server = makeServerCert(dir, 'server', 'ca', 'IP:127.0.0.1,DNS:localhost');
  const wrongName = makeServerCert(dir, 'wrong-name', 'ca', 'DNS:elsewhere.invalid');
  const selfSignedName = `Self-signed test server ${process.pid}`;
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', `/CN=${selfSignedName}`,
    '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'extendedKeyUsage=serverAuth'], dir);
  const selfSigned = { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') };
  const caFile = join(dir, 'ca.pem');
  return {
    dir,
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    caName,
    otherCaFile: join(dir, 'other-ca.pem'),
    server,
    wrongName,
    selfSigned,
    selfSignedName,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
