import { UsageError } from './usage-error';

/** The environment variable the command reads an API key from. */
export const API_KEY_ENV = 'EXPORT_MANAGER_API_KEY';

/** The first line of piped text, without its line ending; a usage error when empty. */
export function firstLine(text: string, command: string): string {
  const key = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (!key) throw new UsageError('no API key arrived on standard input', command);
  return key;
}

/**
 * A hint for people who try to pass the key as an argument: arguments are visible to every
 * user of the machine (`ps`) and end up in shell history, so the command never takes one.
 */
export function refuseKeyArgument(args: readonly string[], command: string): void {
  if (args.some((arg) => arg === '--api-key' || arg.startsWith('--api-key=') || arg === '--key')) {
    throw new UsageError(
      `the API key is never taken as an argument (others can read it in the process list); use --profile, ${API_KEY_ENV}, or --api-key-stdin`,
      command,
    );
  }
}
