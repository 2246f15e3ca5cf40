/**
 * The export-manager command: arguments and output only, on the same core as the app.
 * Each command lives in main/cli/commands/; this file only lists them and runs one.
 */
import { version } from '../package.json';
import { downloadCommand } from './cli/commands/download';
import { extractCommand } from './cli/commands/extract';
import { inspectCommand } from './cli/commands/inspect';
import { keyCommand } from './cli/commands/key';
import { profilesCommand } from './cli/commands/profiles';
import { trackCommand } from './cli/commands/track';
import { processIo } from './cli/io';
import { runCli } from './cli/run';

const commands = [downloadCommand, inspectCommand, extractCommand, profilesCommand, keyCommand, trackCommand];

process.exitCode = await runCli(process.argv.slice(2), processIo(), commands, version);
