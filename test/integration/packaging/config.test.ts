import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_PATH, loadConfig, SCHEME_PATH } from './electron-builder-config';

/**
 * electron-builder.yml read as configuration: what packing over the stand-in cannot show
 * (packaging.test.ts packs it), because it concerns macOS and the Windows installer.
 */

const INSTALLER_SCRIPT = join(import.meta.dirname, '..', '..', '..', 'build', 'installer.nsh');

let config: Configuration;
let validate: ValidateFunction;

beforeAll(async () => {
  config = await loadConfig();
  const scheme = JSON.parse(await readFile(SCHEME_PATH, 'utf8')) as object;
  // The scheme carries electron-builder's own annotations, which ajv's strict mode refuses.
  validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);
});

describe('electron-builder.yml', () => {
  it(`is valid by electron-builder's own schema (${SCHEME_PATH.split('node_modules/')[1]})`, () => {
    const valid = validate(config);
    expect(validate.errors ?? [], CONFIG_PATH).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a schema that refuses options electron-builder does not have (linux.desktopName)', () => {
    expect(validate({ ...config, linux: { ...config.linux, desktopName: 'export-manager.desktop' } })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'desktopName' } }));
  });

  it('switches off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges, loads only the checked asar and encrypts cookies', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('signs the macOS app ad hoc again after flipping its fuses, so an unsigned Apple Silicon build still launches', () => {
    expect(config.electronFuses?.resetAdHocDarwinSignature).toBe(true);
  });

  it("gives Windows no file association: electron-builder's would make the app .zip's default handler, left dangling after uninstall", () => {
    // electron-builder adds the top-level list to every platform's own.
    expect(config.fileAssociations).toBeUndefined();
    expect(config.win?.fileAssociations).toBeUndefined();
    expect(config.nsis?.include).toBe('build/installer.nsh');
  });

  it('leaves deb.depends unset, which would replace electron-builder\'s default list instead of adding to it', () => {
    expect(config.deb?.depends).toBeUndefined();
  });
});

/** One NSIS instruction: its name and its arguments, quotes removed. */
type Instruction = string[];

/** The instructions of `!macro name` in an NSIS script, with `${define}`s expanded. */
function macroInstructions(script: string, name: string): Instruction[] {
  const defines = new Map<string, string>();
  for (const match of script.matchAll(/^!define\s+(\w+)\s+"([^"]*)"/gm)) defines.set(match[1]!, match[2]!);
  const body = new RegExp(`^!macro ${name}\\n([\\s\\S]*?)^!macroend`, 'm').exec(script)?.[1];
  if (body === undefined) throw new Error(`no !macro ${name} in build/installer.nsh`);
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith(';'))
    .map((line) => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((token) => (token[1] ?? token[2] ?? token[3])!.replace(/\$\{(\w+)\}/g, (whole, define: string) => defines.get(define) ?? whole)));
}

describe('build/installer.nsh (the NSIS installer and uninstaller)', () => {
  let script: string;

  beforeAll(async () => {
    script = await readFile(INSTALLER_SCRIPT, 'utf8');
  });

  it("registers the ExportManager.zip ProgID, opening the zip with the app, and lists it in .zip's OpenWithProgids", () => {
    expect(macroInstructions(script, 'customInstall')).toEqual(
      expect.arrayContaining([
        ['WriteRegStr', 'SHELL_CONTEXT', 'Software\\Classes\\ExportManager.zip', '', 'Zip archive'],
        ['WriteRegStr', 'SHELL_CONTEXT', 'Software\\Classes\\ExportManager.zip\\shell\\open\\command', '', '"$appExe" "%1"'],
        ['WriteRegNone', 'SHELL_CONTEXT', 'Software\\Classes\\.zip\\OpenWithProgids', 'ExportManager.zip'],
      ]),
    );
  });

  it('removes both on uninstall, and nothing else of .zip', () => {
    expect(macroInstructions(script, 'customUnInstall')).toEqual([
      ['DeleteRegValue', 'SHELL_CONTEXT', 'Software\\Classes\\.zip\\OpenWithProgids', 'ExportManager.zip'],
      ['DeleteRegKey', 'SHELL_CONTEXT', 'Software\\Classes\\ExportManager.zip'],
      ['DeleteRegKey', 'SHELL_CONTEXT', 'Software\\Classes\\export-manager'],
    ]);
  });

  it('registers the export-manager: link scheme at install (electron-builder’s protocols are macOS only), opening links with the app', () => {
    expect(macroInstructions(script, 'customInstall')).toEqual(
      expect.arrayContaining([
        ['WriteRegStr', 'SHELL_CONTEXT', 'Software\\Classes\\export-manager', '', 'URL:Export Manager link'],
        ['WriteRegStr', 'SHELL_CONTEXT', 'Software\\Classes\\export-manager', 'URL Protocol', ''],
        ['WriteRegStr', 'SHELL_CONTEXT', 'Software\\Classes\\export-manager\\shell\\open\\command', '', '"$appExe" "%1"'],
      ]),
    );
  });

  it(".zip's default handler is never written, on install or uninstall", () => {
    const all = [...macroInstructions(script, 'customInstall'), ...macroInstructions(script, 'customUnInstall')];
    expect(all.filter(([, , key]) => key === 'Software\\Classes\\.zip')).toEqual([]);
  });
});
