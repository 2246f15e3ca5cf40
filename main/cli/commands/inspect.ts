import { resolve } from 'node:path';
import type { ArchiveWarningKind, EntryFlagKind } from '../../../shared/api/archive';
import { formatBytes } from '../../../shared/format';
import { listArchive } from '../../core/archive';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { UsageError } from '../usage-error';
import { shown, shownText } from '../shown';

const NAME = 'inspect';

/** What each kind of flag means, for the help (Record: a new kind cannot go undocumented). */
const FLAG_MEANINGS: Record<EntryFlagKind, string> = {
  'error-stub': 'an HTML, JSON, XML or text page under a name that says .png, .pdf, …',
  empty: 'no bytes at all, under a name whose type cannot be empty',
  'not-utf8-name': 'a name stored without the UTF-8 flag (shown as CP437) or not valid UTF-8',
};

/** What each kind of warning means, for the help. */
const WARNING_MEANINGS: Record<ArchiveWarningKind, string> = {
  'missing-zip64': 'over 65,535 entries or 4 GiB without zip64 records (likely truncated)',
};

/** The kinds and their meanings, one a line under the help's JSON description. */
function meanings(table: Record<string, string>): string {
  const width = Math.max(...Object.keys(table).map((kind) => kind.length));
  return Object.entries(table)
    .map(([kind, meaning]) => `        ${kind.padEnd(width)}  ${meaning}`)
    .join('\n');
}

const HELP = `Usage: export-manager inspect FILE [--json]

Lists the entries of a zip (any size; zip64 included) without extracting anything, with a
warning for every entry whose name would be unsafe to extract, and a flag for what the zip's
maker got wrong: an entry whose bytes are an error page (HTML, JSON, XML or text) although its
name says .png, .pdf, …; an empty one of such a type; a name not stored as UTF-8; and, for the
whole archive, more than 65,535 entries or 4 GiB without zip64 records.

Examples:
  export-manager inspect canvas-exports.zip
  export-manager inspect canvas-exports.zip --json | jq '.entries[] | select(.unsafe)'
  export-manager inspect canvas-exports.zip --json | jq '.entries[] | select(any(.flags[]; .kind == "error-stub")) | .name'

JSON: {"ok":true,"count":N,"totalSize":N,"manifest":name|null,"warnings":[{"kind","reason"}],
       "entries":[{"name","size","compressedSize","modified","directory","encrypted","unsafe","flags":[{"kind","reason"}]}]}
      "unsafe" is null or why extracting the entry is refused; "modified" an ISO date or null;
      "manifest" the file name of the manifest beside the zip. Every "reason" says it in words.
      An entry's flag "kind" (none for most entries):
${meanings(FLAG_MEANINGS)}
      A warning's "kind":
${meanings(WARNING_MEANINGS)}
      These field names and kinds are stable; new kinds may be added.`;

/** How the table names each kind of flag, before its reason. */
const FLAG_LABELS: Record<EntryFlagKind, string> = {
  'error-stub': 'ERROR PAGE',
  empty: 'EMPTY',
  'not-utf8-name': 'NAME ENCODING',
};

/** Columns: size, compressed, modified, name (+ flags); the archive's warnings and flagged count after the totals. */
function table(io: CliIo, listing: Awaited<ReturnType<typeof listArchive>>): void {
  writeLine(io.stdout, `${'Size'.padStart(10)}  ${'Packed'.padStart(10)}  ${'Modified'.padEnd(16)}  Name`);
  let flagged = 0;
  for (const entry of listing.entries) {
    const modified = entry.modified ? entry.modified.slice(0, 16).replace('T', ' ') : '';
    const flags = [
      entry.directory ? 'dir' : null,
      entry.encrypted ? 'encrypted' : null,
      entry.unsafe ? `UNSAFE: ${shownText(entry.unsafe)}` : null,
      ...entry.flags.map((flag) => `${FLAG_LABELS[flag.kind]}: ${shownText(flag.reason)}`),
    ]
      .filter(Boolean)
      .join(', ');
    if (entry.flags.length > 0) flagged += 1;
    writeLine(
      io.stdout,
      `${formatBytes(entry.size).padStart(10)}  ${formatBytes(entry.compressedSize).padStart(10)}  ${modified.padEnd(16)}  ${shown(entry.name)}${flags ? `  [${flags}]` : ''}`,
    );
  }
  writeLine(io.stdout, `${formatBytes(listing.totalSize).padStart(10)}  ${formatBytes(listing.totalCompressedSize).padStart(10)}  ${''.padEnd(16)}  ${listing.count} entries`);
  if (flagged > 0) writeLine(io.stdout, `${flagged} ${flagged === 1 ? 'entry is' : 'entries are'} flagged: see the brackets above.`);
  for (const warning of listing.warnings) writeLine(io.stdout, `WARNING: ${shownText(warning.reason)}`);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, {}, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one zip file', NAME);
  const listing = await listArchive(resolve(io.cwd, positionals[0]!));
  if (values.json) {
    printJson(io, {
      ok: true,
      count: listing.count,
      totalSize: listing.totalSize,
      manifest: listing.manifest,
      warnings: listing.warnings,
      entries: listing.entries.map(({ name, size, compressedSize, modified, directory, encrypted, unsafe, flags }) => ({
        name,
        size,
        compressedSize,
        modified,
        directory,
        encrypted,
        unsafe,
        flags,
      })),
    });
  } else {
    table(io, listing);
  }
  return EXIT.ok;
}

/** `export-manager inspect`. */
export const inspectCommand: Command = { help: HELP, run };
