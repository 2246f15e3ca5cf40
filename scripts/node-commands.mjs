// Commands of the project's tools as `node <script>`, found in node_modules: spawning `npx` or
// `npm` by name needs a shell on Windows (they are .cmd files there), so without one `npm start`
// and `npm test` would exit silently. Node's own path always works.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The script behind a package's bin, resolved from its package.json. */
function binScript(packageName, binName = packageName) {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = require(manifestPath);
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
  if (!bin) throw new Error(`${packageName} has no "${binName}" command.`);
  return join(dirname(manifestPath), bin);
}

/** `[node, script, ...args]` for a package's command (vite, vitest, playwright…). */
export function toolCommand(packageName, args, binName) {
  return [process.execPath, binScript(packageName, binName), ...args];
}

/**
 * `[node, npm-cli.js, ...args]` for npm itself: npm tells the scripts it runs where its own CLI
 * is (`npm_execpath`); outside npm, the npm installed with this Node (beside node.exe on
 * Windows, under lib/ elsewhere).
 */
export function npmCommand(args) {
  const nodeDir = dirname(process.execPath);
  const candidates = [
    process.env.npm_execpath,
    join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  const npmCli = candidates.find((path) => path && path.endsWith('.js') && existsSync(path));
  if (!npmCli) throw new Error('npm could not be found beside this Node; run this through npm (npm test, npm start).');
  return [process.execPath, npmCli, ...args];
}
