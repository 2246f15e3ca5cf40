// `npm start`: builds the app and opens it in Electron. Where the Electron binary is missing
// it tries the download once, and when that fails too it says so in one line; so it does when
// this Linux machine would abort Electron's sandbox. Arguments after `--` go to the app
// (`npm start -- "export-manager://track?url=…"` tries a deep link).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary.mjs';
import { sandboxProblem } from './linux-sandbox.mjs';
import { toolCommand } from './node-commands.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fetchElectron() {
  try {
    const installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
    spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  } catch {
    // Reported below as a missing binary.
  }
  return electronBinary();
}

const binary = electronBinary() ?? fetchElectron();
if (!binary) {
  console.error(MISSING_ELECTRON_MESSAGE);
  process.exit(1);
}
const sandbox = sandboxProblem(binary);
if (sandbox) {
  console.error(sandbox);
  process.exit(1);
}

// Node runs the build tool's own script: spawning `npx` needs a shell on Windows.
const [node, ...buildArgs] = toolCommand('vite', ['build', '--logLevel', 'warn']);
const built = spawnSync(node, buildArgs, { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const passed = process.argv.slice(2);
const args = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox', root, ...passed] : [root, ...passed];
const child = spawn(binary, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
