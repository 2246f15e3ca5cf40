import { readFileSync } from 'node:fs';
import type { AppIdentity } from '../../main/core/app';

/** The app's identity from package.json, as Electron would report it. */
export function packageIdentity(): AppIdentity {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    productName: string;
    version: string;
  };
  return { name: pkg.productName, version: pkg.version, platform: process.platform };
}
