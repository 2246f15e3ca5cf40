import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { openCliState } from '../state';
import { UsageError } from '../usage-error';
import { requireKnownAction } from '../known-action';
import { shown, shownText } from '../shown';

const NAME = 'profiles';

const HELP = `Usage: export-manager profiles list [--json]
       export-manager profiles add NAME --base-url URL [--json]
       export-manager profiles remove NAME [--json]

The app's backend profiles (shared with the app). Removing a profile also removes its
tracked exports and its API key. The built-in sample backend cannot be removed.

Examples:
  export-manager profiles add Production --base-url https://db-backend-domain/api
  export-manager profiles list --json
  export-manager profiles remove Staging`;

const ACTIONS = ['list', 'add', 'remove'] as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  // Before the data folder is opened: a mistyped action is the mistake to name.
  const action = requireKnownAction(NAME, first, ACTIONS);
  const { values, positionals } = parseCommandArgs(NAME, rest, { 'base-url': { type: 'string' } }, true);
  const state = openCliState(io, values.json === true);
  try {
    if (action === 'list') {
      if (positionals.length) throw new UsageError('list takes no name', NAME);
      const profiles = await state.call('profiles.list', undefined);
      if (values.json) printJson(io, { ok: true, profiles });
      else for (const profile of profiles) writeLine(io.stdout, `${shown(profile.name)}\t${shown(profile.baseUrl, Infinity)}\t${profile.trackedCount} tracked${profile.maxBatchSize ? `\tat most ${profile.maxBatchSize} a batch` : ''}${profile.builtIn ? '\t(built in)' : ''}`);
      return EXIT.ok;
    }
    if (action === 'add') {
      if (positionals.length !== 1) throw new UsageError('add takes one NAME (quote names with spaces)', NAME);
      if (!values['base-url']) throw new UsageError('add needs --base-url URL', NAME);
      const profile = await state.call('profiles.create', { name: positionals[0]!, baseUrl: values['base-url'] });
      if (values.json) printJson(io, { ok: true, profile });
      else writeLine(io.stdout, `Added profile ${shown(profile.name)} (${shown(profile.baseUrl)}).`);
      return EXIT.ok;
    }
    if (action === 'remove') {
      if (positionals.length !== 1) throw new UsageError('remove takes one NAME', NAME);
      const profile = state.profileByName(positionals[0]!);
      const outcome = await state.call('profiles.delete', { id: profile.id });
      if (values.json) printJson(io, { ok: true, removed: profile.name, ...outcome });
      else {
        writeLine(io.stdout, `Removed profile ${shown(profile.name)}${outcome.keyRemoved ? ' and its API key' : ''}.`);
        if (outcome.warning) writeLine(io.stderr, `export-manager: ${shownText(outcome.warning)}`);
      }
      return EXIT.ok;
    }
    const unhandled: never = action;
    throw new Error(`profiles: the action "${String(unhandled)}" has no branch`);
  } finally {
    state.close();
  }
}

/** `export-manager profiles`. */
export const profilesCommand: Command = { help: HELP, run };
