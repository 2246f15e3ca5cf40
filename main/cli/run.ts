import { EXIT } from './exit-codes';
import type { CommandEntry } from './command';
import { wantsJson } from './command';
import type { CliIo } from './io';
import { writeLine } from './io';
import { reportError } from './report-error';
import { UsageError } from './usage-error';

/** The top-level help: every command with its summary. */
export function mainHelp(commands: readonly CommandEntry[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `export-manager ${version} — download canvas exports in bulk, inspect and extract zips.`,
    '',
    'Usage: export-manager <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options: --help (any command), --version',
    'Run `export-manager <command> --help` for a command\'s options and examples.',
    'Exit codes: 0 ok, 1 failure (any error kind, state and internal included), 2 usage error, 3 extract refused some entries, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).',
  ].join('\n');
}

/** Runs the command line; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo, commands: readonly CommandEntry[], version: string): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name ? io.stdout : io.stderr, mainHelp(commands, version));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, version);
    return EXIT.ok;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  try {
    if (!entry) throw new UsageError(`unknown command "${name}"`);
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      writeLine(io.stdout, command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (io.env.EXPORT_MANAGER_DEBUG === '1' && error instanceof Error) writeLine(io.stderr, error.stack ?? error.message);
    return reportError(io, error, wantsJson(rest));
  }
}
