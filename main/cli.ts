/** The export-manager command: arguments and output only, on the same core as the app. */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const args = process.argv.slice(2);
if (args.includes('--version')) {
  console.log(pkg.version);
} else {
  console.log('Usage: export-manager <command> [options]\n\nRun export-manager --help for the commands.');
}
