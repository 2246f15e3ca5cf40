import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';
import { UsageError } from './usage-error';

/**
 * One subcommand as the command list knows it: its name and summary for `--help`, and how to
 * load the rest. Loading on demand keeps `--help`, `--version` and the state commands from
 * reading the download and archive engines they never use.
 */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<Command>;
}

/** A subcommand once loaded. */
export interface Command {
  /** The full `--help` text, with examples. */
  help: string;
  /** Runs the command; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments strictly; a mistake becomes a UsageError naming the command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error);
    throw new UsageError(message, command);
  }
}

/** Whether `--json` appears among raw arguments (so even a usage error can answer in JSON). */
export function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json');
}
