/**
 * `npm run dev:browser`: the built renderer in your browser against the real core, through
 * the test bridge, for UI work on machines without the Electron binary. State lives in
 * `.cache/dev-browser/` so it survives restarts; dialogs accept their defaults. Only the page
 * it serves can call the core (a per-run token in an HttpOnly cookie, other origins refused),
 * and the test-only routes are off.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageIdentity } from './identity';
import { startBridge } from './server';
import { bridgeSecretStore } from './secrets';

const root = fileURLToPath(new URL('../../.cache/dev-browser/', import.meta.url));
mkdirSync(root, { recursive: true });
const portArgument = process.argv.indexOf('--port');
const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 5199;

const bridge = await startBridge({
  staticDir: fileURLToPath(new URL('../../dist/renderer/', import.meta.url)),
  root,
  secrets: await bridgeSecretStore(),
  identity: packageIdentity(),
  port,
});
console.log(`Export Manager (browser, through the test bridge): ${bridge.url}`);
console.log(`State: ${root}   Stop with Ctrl-C.`);

const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
