import { resolve } from 'node:path';
import type { AddReport } from '../../../shared/api/tracked';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { openCliState } from '../state';
import { UsageError } from '../usage-error';
import { requireKnownAction } from '../known-action';
import { shown } from '../shown';

const NAME = 'track';

const HELP = `Usage: export-manager track add SOURCE_URL ... --profile NAME [--json]
       export-manager track import FILE --profile NAME [--json]
       export-manager track list --profile NAME [--filter TEXT] [--json]
       export-manager track remove SOURCE_URL ... --profile NAME [--json]

The exports a profile tracks (shared with the app). "import" reads a .txt (one a line),
.csv (a sourceFileUrl column) or .json file (an array of strings or of {sourceFileUrl}).
Each input is reported as added, duplicate or invalid (with why); exit 1 when any was invalid.

Examples:
  export-manager track add https://cdn.example.com/a.png --profile Production
  export-manager track import exports.csv --profile Production --json
  export-manager track list --profile Production --filter .pdf`;

function printReport(io: CliIo, report: AddReport, json: boolean): number {
  if (json) printJson(io, { ok: report.invalid === 0, ...report });
  else {
    for (const line of report.lines) if (line.status === 'invalid') writeLine(io.stderr, `line ${line.line}: ${shown(line.value)} — ${line.reason}`);
    writeLine(io.stdout, `${report.added} added, ${report.duplicates} already tracked, ${report.invalid} invalid`);
  }
  return report.invalid === 0 ? EXIT.ok : EXIT.failure;
}

const ACTIONS = ['add', 'list', 'remove', 'import'] as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  // The action first: a mistyped one is the mistake to name, whatever else is missing.
  const action = requireKnownAction(NAME, first, ACTIONS);
  const { values, positionals } = parseCommandArgs(NAME, rest, { profile: { type: 'string' }, filter: { type: 'string' } }, true);
  if (!values.profile) throw new UsageError('--profile NAME is required', NAME);
  const json = values.json === true;
  const state = openCliState(io, values.json === true);
  try {
    const profileId = state.profileByName(values.profile).id;
    if (action === 'add') {
      if (!positionals.length) throw new UsageError('add takes one or more SOURCE_URLs', NAME);
      return printReport(io, await state.call('tracked.add', { profileId, text: positionals.join('\n') }), json);
    }
    if (action === 'import') {
      if (positionals.length !== 1) throw new UsageError('import takes one FILE', NAME);
      return printReport(io, await state.call('tracked.import', { profileId, fileId: state.fileId(resolve(io.cwd, positionals[0]!)) }), json);
    }
    if (action === 'list') {
      // Every match, oldest first: a script wants the whole list, not a page.
      const { items } = state.store.tracked.list(profileId, { filter: values.filter, sort: 'added', limit: Number.MAX_SAFE_INTEGER });
      if (json) printJson(io, { ok: true, total: items.length, items });
      // Whole (a script reads them), but escaped: a stored value is still input.
      else for (const item of items) writeLine(io.stdout, shown(item.sourceFileUrl, Infinity));
      return EXIT.ok;
    }
    if (action === 'remove') {
      if (!positionals.length) throw new UsageError('remove takes one or more SOURCE_URLs', NAME);
      const wanted = new Set(positionals);
      const ids = state.store.tracked.all(profileId).filter((item) => wanted.has(item.sourceFileUrl)).map((item) => item.id);
      const { removed } = await state.call('tracked.remove', { profileId, ids });
      if (json) printJson(io, { ok: true, removed, notTracked: positionals.length - removed });
      else writeLine(io.stdout, `${removed} removed${removed < positionals.length ? `, ${positionals.length - removed} were not tracked` : ''}`);
      return EXIT.ok;
    }
    const unhandled: never = action;
    throw new Error(`track: the action "${String(unhandled)}" has no branch`);
  } finally {
    state.close();
  }
}

/** `export-manager track`. */
export const trackCommand: Command = { help: HELP, run };
