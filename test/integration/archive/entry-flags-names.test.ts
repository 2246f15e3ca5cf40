import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../../shared/api/archive';
import { extractArchive, listArchive } from '../../../main/core/archive';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';
import { unicodePathField, writeZipWithExtraFields } from './zip-with-extra-fields';

/**
 * Bytes 0x80–0xFF in code page 437, from the Unicode Consortium's mapping
 * (MAPPINGS/VENDORS/MICSFT/PC/CP437.TXT), sixteen to a row: the reference the decoder is held to.
 */
const CP437_HIGH_HALF = [
  'ÇüéâäàåçêëèïîìÄÅ',
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ',
  'áíóúñÑªº¿⌐¬½¼¡«»',
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐',
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧',
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀',
  'αßΓπΣσµτΦΘΩδ∞φε∩',
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
].join('');

const CP437_FLAG = { kind: 'not-utf8-name', reason: expect.stringMatching(/^name stored without the UTF-8 flag in a legacy code page: shown decoded as CP437/) };

function only(entries: ArchiveEntry[], name: string): ArchiveEntry {
  const found = entries.filter((entry) => entry.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

describe('names stored without the UTF-8 flag: CP437, flagged', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('decodes bytes where CP437 and Latin-1 differ (0x81 ü, 0x84 ä, 0xE1 ß) as CP437, flags them, and extracts under the same names', async () => {
    const path = join(dir, 'dos-names.zip');
    writeZip(path, [
      { name: Buffer.from('\x81ber.txt', 'latin1'), data: Buffer.from('u') },
      { name: Buffer.from('M\x84rz.pdf', 'latin1'), data: Buffer.from('%PDF-1.4\n') },
      { name: Buffer.from('Stra\xe1e.png', 'latin1'), data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
    ]);
    const listing = await listArchive(path);
    // Latin-1 would read these as "\u0081ber.txt", "M\u0084rz.pdf" and "Straáe.png".
    expect(listing.entries.map((entry) => entry.name)).toEqual(['über.txt', 'März.pdf', 'Straße.png']);
    for (const entry of listing.entries) {
      expect(entry.flags, entry.name).toEqual([CP437_FLAG]);
      expect(entry.unsafe, entry.name).toBeNull();
    }
    const report = await extractArchive(path, join(dir, 'out'));
    expect(report.extracted.sort()).toEqual(['März.pdf', 'Straße.png', 'über.txt']);
    expect(readdirSync(report.destination).sort()).toEqual(['März.pdf', 'Straße.png', 'über.txt']);
  });

  it('decodes the whole upper half of the table as CP437', async () => {
    const path = join(dir, 'table.zip');
    const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    writeZip(path, [{ name: Buffer.concat([bytes, Buffer.from('.txt')]), data: Buffer.from('x') }]);
    const [entry] = (await listArchive(path)).entries;
    expect([...entry!.name.slice(0, -4)]).toEqual([...CP437_HIGH_HALF]);
    expect(entry!.flags).toEqual([CP437_FLAG]);
  });

  it('flags the name of a real archiver that stores UTF-8 without the flag (Info-ZIP\'s zip), shown as the UTF-8 it is', async () => {
    const work = join(dir, 'info-zip');
    mkdirSync(work);
    writeFileSync(join(work, 'Grüße.txt'), 'hi');
    runArchiver('zip', ['-q', '-X', 'names.zip', 'Grüße.txt'], work);
    const [entry] = (await listArchive(join(work, 'names.zip'))).entries;
    expect(entry!.name).toBe('Grüße.txt');
    expect(entry!.flags).toEqual([{ kind: 'not-utf8-name', reason: expect.stringMatching(/^name stored as UTF-8 without the UTF-8 flag/) }]);
  });
});

describe('the Info-ZIP Unicode Path field (0x7075): it wins when it applies', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);
  // "Grüße.txt" as a Windows-1252 zipper stores it: CP437 reads these bytes as "Grⁿ▀e.txt".
  const legacy = Buffer.from('Gr\xfc\xdfe.txt', 'latin1');

  it('shows the field\'s UTF-8 name over the stored legacy one, and does not flag it: its writer did what the standard asks', async () => {
    const path = join(dir, 'unicode-field.zip');
    writeZipWithExtraFields(path, [
      { name: legacy, extra: [unicodePathField('Grüße.txt', legacy)] },
      { name: Buffer.from('Bericht \x84.pdf', 'latin1'), extra: [unicodePathField('報告書.pdf', Buffer.from('Bericht \x84.pdf', 'latin1'))], data: Buffer.from('%PDF-1.7\n') },
      { name: legacy, extra: [] },
    ]);
    const listing = await listArchive(path);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['Grüße.txt', '報告書.pdf', 'Grⁿ▀e.txt']);
    expect(only(listing.entries, 'Grüße.txt').flags).toEqual([]);
    expect(only(listing.entries, '報告書.pdf').flags).toEqual([]);
    expect(only(listing.entries, 'Grⁿ▀e.txt').flags).toEqual([CP437_FLAG]);
    // Extraction writes the name the listing shows.
    const report = await extractArchive(path, join(dir, 'out'), { entries: ['Grüße.txt', '報告書.pdf'] });
    expect(report.extracted.sort()).toEqual(['Grüße.txt', '報告書.pdf']);
  });

  it('ignores a field whose CRC is not that of the stored name (left by a tool that renamed the entry) or of an unknown version: the stored name, as CP437, flagged', async () => {
    const path = join(dir, 'stale-field.zip');
    writeZipWithExtraFields(path, [
      { name: legacy, extra: [unicodePathField('Old name.txt', Buffer.from('Old name.txt'))] },
      { name: legacy, extra: [unicodePathField('Grüße v2.txt', legacy, 2)] },
    ]);
    const listing = await listArchive(path);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['Grⁿ▀e.txt', 'Grⁿ▀e.txt']);
    for (const entry of listing.entries) expect(entry.flags).toEqual([CP437_FLAG]);
  });

  it('judges the field\'s name for safety, and flags one whose bytes are not UTF-8', async () => {
    const path = join(dir, 'field-checks.zip');
    const harmless = Buffer.from('report.txt');
    const other = Buffer.from('other.txt');
    writeZipWithExtraFields(path, [
      { name: harmless, extra: [unicodePathField('../../escape.txt', harmless)] },
      { name: other, extra: [unicodePathField(Buffer.from([0x6e, 0xe9, 0x2e, 0x74, 0x78, 0x74]), other)] },
    ]);
    const [escaping, invalid] = (await listArchive(path)).entries;
    expect(escaping!.name).toBe('../../escape.txt');
    expect(escaping!.unsafe).toMatch(/leaves the folder/);
    expect(invalid!.name).toBe('n\uFFFD.txt');
    expect(invalid!.flags).toEqual([{ kind: 'not-utf8-name', reason: expect.stringMatching(/^name given in a Unicode Path field whose bytes are not valid UTF-8/) }]);
  });
});
