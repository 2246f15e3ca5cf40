import { resolve } from 'node:path';
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

const HELP = `Usage: export-manager inspect FILE [--json]

Lists the entries of a zip (any size; zip64 included) without extracting anything, with a
warning for every entry whose name would be unsafe to extract.

Examples:
  export-manager inspect canvas-exports.zip
  export-manager inspect canvas-exports.zip --json | jq '.entries[] | select(.unsafe)'

JSON: {"ok":true,"count":N,"totalSize":N,"entries":[{"name","size","compressedSize","modified","directory","encrypted","unsafe"}]}
      where "unsafe" is null or the reason.`;

/** Columns: size, compressed, modified, name (+ flags). */
function table(io: CliIo, listing: Awaited<ReturnType<typeof listArchive>>): void {
  writeLine(io.stdout, `${'Size'.padStart(10)}  ${'Packed'.padStart(10)}  ${'Modified'.padEnd(16)}  Name`);
  for (const entry of listing.entries) {
    const modified = entry.modified ? entry.modified.slice(0, 16).replace('T', ' ') : '';
    const flags = [entry.directory ? 'dir' : null, entry.encrypted ? 'encrypted' : null, entry.unsafe ? `UNSAFE: ${shownText(entry.unsafe)}` : null]
      .filter(Boolean)
      .join(', ');
    writeLine(
      io.stdout,
      `${formatBytes(entry.size).padStart(10)}  ${formatBytes(entry.compressedSize).padStart(10)}  ${modified.padEnd(16)}  ${shown(entry.name)}${flags ? `  [${flags}]` : ''}`,
    );
  }
  writeLine(io.stdout, `${formatBytes(listing.totalSize).padStart(10)}  ${formatBytes(listing.totalCompressedSize).padStart(10)}  ${''.padEnd(16)}  ${listing.count} entries`);
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
      entries: listing.entries.map(({ name, size, compressedSize, modified, directory, encrypted, unsafe }) => ({
        name,
        size,
        compressedSize,
        modified,
        directory,
        encrypted,
        unsafe,
      })),
    });
  } else {
    table(io, listing);
  }
  return EXIT.ok;
}

/** `export-manager inspect`. */
export const inspectCommand: Command = { help: HELP, run };
