/**
 * The export-manager command: arguments and output only, on the same core as the app.
 * Each command lives in main/cli/commands/; this file only lists them and runs one.
 */
import { readFileSync } from 'node:fs';
import { downloadCommand } from './cli/commands/download';
import { extractCommand } from './cli/commands/extract';
import { inspectCommand } from './cli/commands/inspect';
import { keyCommand } from './cli/commands/key';
import { profilesCommand } from './cli/commands/profiles';
import { trackCommand } from './cli/commands/track';
import { processIo } from './cli/io';
import { runCli } from './cli/run';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const commands = [downloadCommand, inspectCommand, extractCommand, profilesCommand, keyCommand, trackCommand];

process.exitCode = await runCli(process.argv.slice(2), processIo(), commands, pkg.version);
