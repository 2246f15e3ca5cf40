import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import type { Configuration } from 'electron-builder';
import { load } from 'js-yaml';
import { FuseByte } from '../../helpers/stand-in-electron';

/** electron-builder.yml as the packaging tests read it. */

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The project's electron-builder.yml. */
export const CONFIG_PATH = join(ROOT, 'electron-builder.yml');

/** The JSON schema electron-builder validates its configuration against. */
export const SCHEME_PATH = join(createRequire(import.meta.url).resolve('app-builder-lib/package.json'), '..', 'scheme.json');

/** electron-builder.yml, parsed (a YAML document, so typed by what electron-builder reads). */
export async function loadConfig(): Promise<Configuration> {
  return load(await readFile(CONFIG_PATH, 'utf8')) as Configuration;
}

type FuseOptions = NonNullable<Configuration['electronFuses']>;
type FuseName = Exclude<keyof FuseOptions, 'resetAdHocDarwinSignature'>;

/** Each electronFuses option and the fuse it sets, as electron-builder maps them. */
const FUSE_OF_OPTION: Readonly<Record<FuseName, FuseV1Options>> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The byte each fuse that `electronFuses` sets must have in a packed binary, by fuse name. */
export function configuredFuseBytes(electronFuses: FuseOptions): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const [option, fuse] of Object.entries(FUSE_OF_OPTION) as Array<[FuseName, FuseV1Options]>) {
    const value = electronFuses[option];
    if (value === undefined || value === null) continue;
    bytes[FuseV1Options[fuse]] = value ? FuseByte.ENABLE : FuseByte.DISABLE;
  }
  return bytes;
}

/** The bytes of the same fuses in a wire read back with @electron/fuses' getCurrentFuseWire. */
export function fuseBytesIn(wire: Partial<Record<FuseV1Options, number>>, fuseNames: readonly string[]): Record<string, number | undefined> {
  const bytes: Record<string, number | undefined> = {};
  for (const name of fuseNames) bytes[name] = wire[FuseV1Options[name as keyof typeof FuseV1Options]];
  return bytes;
}
