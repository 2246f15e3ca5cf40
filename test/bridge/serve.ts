/**
 * `npm run dev:browser`: the built renderer in your browser against the real core, through
 * the test bridge, for UI work on machines without the Electron binary. State lives in
 * `.cache/dev-browser/` (or `--state DIR`) so it survives restarts; dialogs accept their defaults. Only the page
 * opened from the printed link can call the core (a one-time token traded for an HttpOnly
 * cookie, other origins refused), and the test-only routes are off.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageIdentity } from './identity';
import { startBridge } from './server';
import type { Bridge } from './server';
import { bridgeSecretStore } from './secrets';

/** Node's exit code for a top-level await that can never settle: start-up stalled with nothing left to run. */
const STALLED_AT_START = 13;

/** The value after `--name` on the command line, if given. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const root = option('--state') ?? fileURLToPath(new URL('../../.cache/dev-browser/', import.meta.url));
mkdirSync(root, { recursive: true });
const port = Number(option('--port') ?? 5199);

// Start-up either prints the link or says why it did not: never a silent exit.
let started = false;
process.on('exit', (code) => {
  if (!started && code === STALLED_AT_START) console.error('The bridge did not start: start-up stalled waiting on something that can never answer (a bug: please report it).');
});

let bridge: Bridge;
try {
  bridge = await startBridge({
    staticDir: fileURLToPath(new URL('../../dist/renderer/', import.meta.url)),
    root,
    secrets: await bridgeSecretStore(),
    identity: packageIdentity(),
    port,
  });
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`The bridge did not start: ${reason}`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Port ${port} is taken: pass another with --port N.`);
  process.exit(1);
}
started = true;
console.log('Export Manager (browser, through the test bridge). Open this link; it works once:');
console.log(`  ${bridge.openLink()}`);
console.log(`State: ${root}   Stop with Ctrl-C.`);

const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
