// electron-builder's afterPack hook (electron-builder.yml). npmRebuild is false, so an installer
// carries node_modules exactly as `npm ci` left them on the machine that builds it: built on
// Linux for Windows, it would ship Linux addons and an app whose keychain and store cannot load.
// This refuses such an installer, before it is signed or wrapped, naming every wrong file.
import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { readNativeHeader } from './after-pack.native-header.mjs';

const SCRIPT = 'scripts/after-pack.mjs';

// electron-builder's Arch enum (builder-util), the number afterPack's context.arch carries.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

// The @libsql/* package libsql's index.js loads on each target (the glibc one on Linux, where
// deb and AppImage run).
const LIBSQL_PACKAGES = new Map([
  ['linux-x64', 'linux-x64-gnu'],
  ['linux-arm64', 'linux-arm64-gnu'],
  ['linux-armv7l', 'linux-arm-gnueabihf'],
  ['darwin-x64', 'darwin-x64'],
  ['darwin-arm64', 'darwin-arm64'],
  ['win32-x64', 'win32-x64-msvc'],
]);

// Where app files land in resources/: beside app.asar when packed, in app/ when asar is off.
const APP_ROOTS = ['app.asar.unpacked', 'app'];

/** The OS and CPU an afterPack context packs for: `{ platform: 'linux' | 'win32' | 'darwin', arch }`. */
export function targetOf(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch];
  if (arch === undefined) throw new Error(`${SCRIPT}: unknown architecture ${context.arch}`);
  return { platform, arch };
}

/** The packed app's resources folder: inside the .app bundle on macOS, `resources/` elsewhere. */
export async function resourcesDirOf(appOutDir, platform) {
  if (platform !== 'darwin') return join(appOutDir, 'resources');
  const bundle = (await readdir(appOutDir)).find((name) => name.endsWith('.app'));
  if (bundle === undefined) throw new Error(`${SCRIPT}: no .app bundle in ${appOutDir}`);
  return join(appOutDir, bundle, 'Contents', 'Resources');
}

function targetName(target) {
  return `${target.platform}-${target.arch}`;
}

// A universal macOS app runs each addon on both CPUs, or loads one of the per-CPU packages.
function matchesTarget(header, target) {
  if (header.platform !== target.platform) return false;
  if (target.arch === 'universal') return header.arches.some((arch) => arch === 'x64' || arch === 'arm64');
  return header.arches.includes(target.arch);
}

function requiredLibsqlPackages(target) {
  const targets = target.arch === 'universal' ? ['x64', 'arm64'].map((arch) => ({ platform: target.platform, arch })) : [target];
  return targets.map((each) => ({ target: each, name: LIBSQL_PACKAGES.get(targetName(each)) }));
}

async function isDirectory(path) {
  const info = await stat(path).catch(() => null);
  return info?.isDirectory() ?? false;
}

async function appRoots(resourcesDir) {
  const roots = [];
  for (const name of APP_ROOTS) {
    const path = join(resourcesDir, name);
    if (await isDirectory(path)) roots.push({ name, path });
  }
  return roots;
}

async function nativeFilesIn(root) {
  const entries = await readdir(root, { recursive: true });
  const files = [];
  for (const entry of entries.filter((name) => name.endsWith('.node'))) {
    if ((await stat(join(root, entry))).isFile()) files.push(entry);
  }
  return files.sort();
}

/** Forward slashes in messages, whichever OS packs. */
function shown(...parts) {
  return parts.join('/').split(sep).join('/');
}

/**
 * Checks the app in `resourcesDir` against `target`: every `.node` file must be a binary of
 * that OS and CPU, and libsql's package for it must be there. Returns the files checked and one
 * line per problem.
 */
export async function nativeAddonProblems(resourcesDir, target) {
  const roots = await appRoots(resourcesDir);
  const checked = [];
  const problems = [];
  for (const root of roots) {
    for (const file of await nativeFilesIn(root.path)) {
      const path = shown(root.name, file);
      checked.push(path);
      const header = await readNativeHeader(join(root.path, file));
      if (header === null) problems.push(`${path} is not an ELF, PE or Mach-O binary`);
      else if (!matchesTarget(header, target)) problems.push(`${path} is built for ${header.platform}-${header.arches.join('+')} (${header.format})`);
    }
  }
  for (const { target: each, name } of requiredLibsqlPackages(target)) {
    if (name === undefined) {
      problems.push(`libsql has no binary package for ${targetName(each)}`);
      continue;
    }
    let found = false;
    for (const root of roots) {
      const packageDir = join(root.path, 'node_modules', '@libsql', name);
      if ((await isDirectory(packageDir)) && (await nativeFilesIn(packageDir)).length > 0) found = true;
    }
    if (!found) problems.push(`node_modules/@libsql/${name}, libsql's binary for ${targetName(each)}, is missing`);
  }
  return { checked, problems };
}

/** electron-builder's afterPack hook: throws when the packed natives are not of the target OS and CPU. */
export async function afterPack(context) {
  const target = targetOf(context);
  const resourcesDir = await resourcesDirOf(context.appOutDir, target.platform);
  const { checked, problems } = await nativeAddonProblems(resourcesDir, target);
  if (problems.length > 0) {
    const here = `${process.platform}-${process.arch}`;
    throw new Error(
      [
        `${SCRIPT} refused to package for ${targetName(target)} on ${here}: the installer would carry native addons that cannot load there.`,
        ...problems.map((problem) => `  ${problem}`),
        `npmRebuild is false, so an installer carries node_modules as \`npm ci\` installed them: build the ${targetName(target)} installer on ${targetName(target)}, after \`npm ci\` there.`,
      ].join('\n'),
    );
  }
  // In electron-builder's log format: the packaging test reads this line to know the hook ran.
  console.log(`  • native addons match the target  target=${targetName(target)} checked=${checked.length} hook=${SCRIPT}`);
}
