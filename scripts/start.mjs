// `npm start`: builds the app and opens it in Electron. Where the Electron binary is missing
// it tries the download once, and when that fails too it says so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

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
  console.error(
    'export-manager: the Electron binary is not installed and could not be downloaded here; use `npm run dev:browser` to run the app in a browser, or run `npx install-electron` on a machine with internet access.',
  );
  process.exit(1);
}

const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const args = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox', root] : [root];
const child = spawn(binary, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
