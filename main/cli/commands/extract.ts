import { resolve } from 'node:path';
import { ExtractionCancelled, extractArchive } from '../../core/archive';
import { appError, appErrorOf } from '../../core/app-error';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import { abortOnInterrupt } from '../interrupt';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { reportError } from '../report-error';
import { UsageError } from '../usage-error';
import { shown, shownText } from '../shown';

const NAME = 'extract';

const HELP = `Usage: export-manager extract FILE --to DIR [--allow-large] [--json]

Extracts the safe entries of a zip into DIR (created if needed). Nothing is ever written
outside DIR: entries with ".." or absolute paths, drive letters, links, or that inflate
beyond their declared size are refused with a reason, and the safe rest is extracted.
Existing files are never overwritten; a clashing name gets " (1)".

Against zip bombs, an archive over 20 GiB in all, over 100,000 entries, or with an entry over
1 MiB that grows more than 100 times is not extracted at all (exit 1, kind "archive");
  --allow-large       extract it anyway (only an archive you trust)

Ctrl-C stops it: the file being written is removed, the files already written stay and are
listed (exit 130; SIGTERM 143).

Exit codes: 0 all extracted, 3 some entries were refused, 1 failure, 2 usage error,
130 interrupted.

Examples:
  export-manager extract canvas-exports.zip --to ./exports
  export-manager extract canvas-exports.zip --to ./exports --json | jq '.refused'

JSON: {"ok":bool,"extracted":[names],"refused":[{"name","reason"}]}`;

/** A safety-limit refusal says how this command lifts it (the core's message names no command). */
function withHowToOverride(error: unknown): unknown {
  const refused = appErrorOf(error);
  if (!refused?.extractLimit) return error;
  return appError('archive', `${refused.message} To do so, add --allow-large (only for an archive you trust).`, { extractLimit: true, cause: error });
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, { to: { type: 'string' }, 'allow-large': { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one zip file', NAME);
  if (!values.to) throw new UsageError('--to DIR is required', NAME);
  const interrupt = abortOnInterrupt();
  const report = await extractArchive(resolve(io.cwd, positionals[0]!), resolve(io.cwd, values.to), { allowLarge: values['allow-large'] === true, signal: interrupt.signal })
    .catch((error: unknown) => {
      if (error instanceof ExtractionCancelled) return error;
      throw withHowToOverride(error);
    })
    .finally(() => interrupt.dispose());
  if (report instanceof ExtractionCancelled) {
    // What was written stays on disk: said where a script finds it (stdout, or the JSON).
    const { extracted, refused } = report.partial;
    if (!values.json) for (const name of extracted) writeLine(io.stdout, shown(name, Infinity));
    reportError(io, report, values.json === true, { extracted, refused });
    return interrupt.exitCode() ?? EXIT.interrupted;
  }
  const ok = report.refused.length === 0;
  if (values.json) {
    printJson(io, { ok, extracted: report.extracted, refused: report.refused });
  } else {
    writeLine(io.stdout, `Extracted ${report.extracted.length} ${report.extracted.length === 1 ? 'entry' : 'entries'} into ${report.destination}`);
    for (const refused of report.refused) writeLine(io.stderr, `refused: ${shown(refused.name)} — ${shownText(refused.reason)}`);
  }
  return ok ? EXIT.ok : EXIT.refused;
}

/** `export-manager extract`. */
export const extractCommand: Command = { help: HELP, run };
