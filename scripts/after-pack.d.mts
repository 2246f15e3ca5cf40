import type { AfterPackContext } from 'electron-builder';

/** The OS and CPU an installer is packed for. */
export interface PackTarget {
  platform: 'linux' | 'win32' | 'darwin';
  arch: 'ia32' | 'x64' | 'armv7l' | 'arm64' | 'universal';
}

/** What the hook reads of electron-builder's afterPack context. */
export type PackedApp = Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'arch'>;

/** The OS and CPU an afterPack context packs for. */
export function targetOf(context: PackedApp): PackTarget;

/** The packed app's resources folder: inside the .app bundle on macOS, `resources/` elsewhere. */
export function resourcesDirOf(appOutDir: string, platform: PackTarget['platform']): Promise<string>;

/** Checks every `.node` file and libsql's package in `resourcesDir` against `target`: the files checked and one line per problem. */
export function nativeAddonProblems(resourcesDir: string, target: PackTarget): Promise<{ checked: string[]; problems: string[] }>;

/** electron-builder's afterPack hook: throws when the packed natives are not of the target OS and CPU. */
export function afterPack(context: PackedApp): Promise<void>;
