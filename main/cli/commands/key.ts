import { firstLine } from '../api-key';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import { promptHidden } from '../hidden-prompt';
import type { CliIo } from '../io';
import { printJson, readStdin, writeLine } from '../io';
import { openCliState } from '../state';
import { UsageError } from '../usage-error';
import { shown } from '../shown';

const NAME = 'key';

const HELP = `Usage: export-manager key set --profile NAME [--json]
       export-manager key remove --profile NAME [--json]
       export-manager key status --profile NAME [--json]

A profile's API key in the system keychain (the same entry the app uses). "set" reads the
key from a hidden prompt on a terminal, or from standard input when it is piped; the key is
never an argument, and is never printed back (status shows only its last 4 characters).

Examples:
  export-manager key set --profile Production          # asks, without echo
  pass show backend/key | export-manager key set --profile Production
  export-manager key status --profile Production --json`;

async function readKey(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) {
    const typed = await promptHidden(io, 'API key (not shown): ');
    if (typed === null) throw new UsageError('cancelled; no key was saved', NAME);
    return firstLine(typed, NAME);
  }
  return firstLine(await readStdin(io), NAME);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseCommandArgs(NAME, rest, { profile: { type: 'string' } }, true);
  if (!['set', 'remove', 'status'].includes(action ?? '')) throw new UsageError('say set, remove or status', NAME);
  if (positionals.length) throw new UsageError(`unexpected "${positionals[0]}" (the key is never an argument)`, NAME);
  if (!values.profile) throw new UsageError('--profile NAME is required', NAME);
  const state = openCliState(io, values.json === true);
  try {
    const profile = state.profileByName(values.profile);
    const name = shown(profile.name);
    const status =
      action === 'set'
        ? await state.call('keys.set', { profileId: profile.id, key: await readKey(io) })
        : action === 'remove'
          ? await state.call('keys.remove', { profileId: profile.id })
          : await state.call('keys.status', { profileId: profile.id });
    if (values.json) printJson(io, { ok: true, profile: profile.name, hasKey: status.hasKey, hint: status.hint });
    else if (action === 'set') writeLine(io.stdout, `Saved the API key of ${name} (${status.hint}) in the system keychain.`);
    else if (action === 'remove') writeLine(io.stdout, `${name} has no API key now.`);
    else writeLine(io.stdout, status.hasKey ? `${name}: API key ${status.hint}` : `${name}: no API key`);
    return EXIT.ok;
  } finally {
    state.close();
  }
}

/** `export-manager key`. */
export const keyCommand: Command = { help: HELP, run };
