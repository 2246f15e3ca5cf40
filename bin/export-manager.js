#!/usr/bin/env node
// The installed command: runs the bundled command line (npm run build makes it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist-electron/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('export-manager: the command line is not built yet; run `npm run build` first.');
  process.exit(1);
}
await import(cli.href);
