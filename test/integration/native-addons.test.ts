import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One node_modules serves the command line and tests (Node) and the app (Electron, another
 * module ABI). Only N-API addons load in both; an ABI-specific one (`node_register_module_vNNN`)
 * stops the app at launch. This lists the `.node` files of the production dependencies and
 * checks that every one exports `napi_register_module_v1`.
 */

const root = join(import.meta.dirname, '..', '..');

/** The folders of the production dependency tree, as npm resolves it. */
function productionPackages(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').slice(1).filter(Boolean);
}

/** `.node` files in a package, not descending into its own node_modules (they are listed on their own). */
function addonsIn(dir: string, depth = 0): string[] {
  if (depth > 4) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (name.endsWith('.node') && statSync(path).isFile()) return [path];
    return statSync(path).isDirectory() ? addonsIn(path, depth + 1) : [];
  });
}

/** The addon's exported symbols where `nm` exists; otherwise the names in its binary (a looser check). */
function exportsNapi(file: string): boolean {
  try {
    return execFileSync('nm', ['-D', '--defined-only', file], { encoding: 'utf8' }).includes('napi_register_module_v1');
  } catch {
    return readFileSync(file).includes('napi_register_module_v1');
  }
}

describe('native addons of the production dependencies', () => {
  const addons = [...new Set(productionPackages().flatMap((dir) => addonsIn(dir)))];

  it('include the keychain and the database engines', () => {
    const names = addons.map((file) => file.slice(root.length + 1));
    expect(names.some((name) => name.includes('keytar'))).toBe(true);
    expect(names.some((name) => name.includes('libsql'))).toBe(true);
  });

  it('are all N-API, so the same build loads in Node and in Electron', () => {
    const abiSpecific = addons.filter((file) => !exportsNapi(file)).map((file) => file.slice(root.length + 1));
    expect(abiSpecific).toEqual([]);
  });
});
