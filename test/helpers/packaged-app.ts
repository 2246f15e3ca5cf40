import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeStandInElectron } from './stand-in-electron';

/**
 * This project packed by electron-builder with electron-builder.yml, for this machine's Linux
 * (`--linux dir`), over a stand-in Electron (stand-in-electron.ts): once per test process, in
 * a folder under the OS's temp dir. It packs a staged copy of the project (the config, the
 * afterPack hook, the build outputs as they are, the production node_modules), so a build
 * another process runs meanwhile cannot change what is packed, and release/ is never touched.
 * The layout is real; the Electron binary in it is the stand-in, which starts nothing.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const ELECTRON_BUILDER_CLI = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
/** electron-builder normally takes 5–15 s here; past this it is stuck, not slow. */
const PACK_TIMEOUT_MS = 120_000;
/** The Linux executable's name (linux.executableName in electron-builder.yml). */
const EXECUTABLE_NAME = 'export-manager';

/** What the build must have made before packing: the four bundles and the renderer's page. */
const BUILD_OUTPUTS = ['dist/renderer/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-electron/archive-worker.mjs', 'dist-electron/fast-body-worker.mjs', 'dist-electron/cli.js'];
/** The project files packing reads besides the build outputs. */
const PROJECT_FILES = ['package.json', 'package-lock.json', 'electron-builder.yml', 'README.md', 'build', 'bin', 'dist', 'dist-electron'];

/** A leftover of an earlier build, planted in the staged dist-electron/ (the worker's name before it became .mjs): it must not be packed. */
export const STALE_LEFTOVER = 'dist-electron/archive-worker.js';

/** Where the packed app's parts are. */
export interface PackagedApp {
  /** electron-builder's `linux-unpacked` (or `linux-arm64-unpacked`) folder. */
  appOutDir: string;
  resourcesDir: string;
  asarPath: string;
  /** `resources/app.asar.unpacked`: the files that must be real files (natives, the worker). */
  unpackedDir: string;
  /** The app's executable: the stand-in Electron, renamed and with its fuses flipped. */
  executable: string;
}

/** One packing of the staged project, with what a test needs to pack it again. */
export interface PackagingRun {
  /** The staged copy of the project that was packed. */
  projectDir: string;
  /** The stand-in Electron distribution (`electronDist`). */
  electronDist: string;
  electronVersion: string;
  /** electron-builder's output, stdout and stderr together. */
  log: string;
  app: PackagedApp;
}

/** How a command (electron-builder's, npm's) ended. */
export interface CommandResult {
  exitCode: number | null;
  log: string;
}

/** The production dependencies as npm installed them: every folder `npm ls --omit dev` names. */
async function productionPackageDirs(): Promise<string[]> {
  const { exitCode, log } = await run('npm', ['ls', '--omit', 'dev', '--all', '--parseable'], ROOT, 60_000, { stderr: false });
  const dirs = log.split('\n').filter((line) => line.startsWith(join(ROOT, 'node_modules')));
  if (dirs.length === 0) throw new Error(`npm ls found no production dependencies (exit ${exitCode}): run npm ci first`);
  return dirs;
}

async function stageProject(projectDir: string): Promise<void> {
  const missing = BUILD_OUTPUTS.filter((output) => !existsSync(join(ROOT, output)));
  if (missing.length > 0) throw new Error(`Not built yet (${missing.join(', ')} missing): run \`npx vite build\` first; npm test builds before its suites.`);
  for (const name of PROJECT_FILES) await cp(join(ROOT, name), join(projectDir, name), { recursive: true, verbatimSymlinks: true });
  // The afterPack hook and its parts, which electron-builder loads from the project.
  await mkdir(join(projectDir, 'scripts'));
  for (const name of (await readdir(join(ROOT, 'scripts'))).filter((file) => file.startsWith('after-pack.'))) {
    await cp(join(ROOT, 'scripts', name), join(projectDir, 'scripts', name));
  }
  // A nested package is copied with the folder it sits in.
  const dirs = (await productionPackageDirs()).sort();
  const outermost = dirs.filter((dir, index) => !dirs.slice(0, index).some((outer) => dir.startsWith(`${outer}/`)));
  for (const dir of outermost) await cp(dir, join(projectDir, relative(ROOT, dir)), { recursive: true, verbatimSymlinks: true });
  await writeFile(join(projectDir, STALE_LEFTOVER), '// An archive worker left by an earlier build.\n');
}

/** Runs a command to its end (or its timeout), keeping its output in one string. */
function run(command: string, args: string[], cwd: string, timeoutMs: number, options: { stderr?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const stderr = options.stderr === false ? 'ignore' : 'pipe';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', stderr], env: { ...process.env, ...options.env }, timeout: timeoutMs, killSignal: 'SIGKILL' });
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      if (signal === 'SIGKILL') reject(new Error(`${command} ${args.join(' ')} did not finish in ${timeoutMs / 1000} s:\n${log.slice(-4000)}`));
      else resolve({ exitCode, log });
    });
  });
}

/**
 * Runs the electron-builder command line in the staged project, as `npm run dist` would, over
 * the stand-in Electron, into `outDir`: `args` name the targets (e.g. `--linux dir --arm64`),
 * `env` is added to this process's environment.
 */
export function runElectronBuilder(
  packaging: Pick<PackagingRun, 'projectDir' | 'electronDist' | 'electronVersion'>,
  outDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  return run(
    process.execPath,
    [
      ELECTRON_BUILDER_CLI,
      '--config',
      'electron-builder.yml',
      '--publish',
      'never',
      ...args,
      `-c.electronDist=${packaging.electronDist}`,
      `-c.electronVersion=${packaging.electronVersion}`,
      `-c.directories.output=${outDir}`,
    ],
    packaging.projectDir,
    PACK_TIMEOUT_MS,
    { env },
  );
}

/** The `--linux dir` output folder electron-builder names for `arch`. */
export function linuxUnpackedDir(outDir: string, arch: string): string {
  return join(outDir, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
}

async function pack(): Promise<PackagingRun> {
  if (process.platform !== 'linux') throw new Error(`packagedApp() packs for Linux, with Linux's natives; this is ${process.platform}.`);
  const root = await mkdtemp(join(tmpdir(), 'export-manager-packaging-'));
  packingRoot = root;
  const projectDir = join(root, 'project');
  const electronDist = join(root, 'electron-dist');
  const outDir = join(root, 'out');
  await mkdir(projectDir);
  await mkdir(electronDist);
  await stageProject(projectDir);
  const { version } = await makeStandInElectron(electronDist);
  const packaging = { projectDir, electronDist, electronVersion: version };
  const { exitCode, log } = await runElectronBuilder(packaging, outDir, ['--linux', 'dir', `--${process.arch}`]);
  if (exitCode !== 0) throw new Error(`electron-builder --linux dir failed (exit ${exitCode}):\n${log.slice(-4000)}`);
  const appOutDir = linuxUnpackedDir(outDir, process.arch);
  const resourcesDir = join(appOutDir, 'resources');
  return {
    ...packaging,
    log,
    app: {
      appOutDir,
      resourcesDir,
      asarPath: join(resourcesDir, 'app.asar'),
      unpackedDir: join(resourcesDir, 'app.asar.unpacked'),
      executable: join(appOutDir, EXECUTABLE_NAME),
    },
  };
}

let packing: Promise<PackagingRun> | undefined;
let packingRoot: string | undefined;

/** Packs the project once per test process (later calls share the first one's result). */
export function packagingRun(): Promise<PackagingRun> {
  packing ??= pack();
  return packing;
}

/** The packed app's layout (`--linux dir` over the stand-in Electron), packed once per test process. */
export async function packagedApp(): Promise<PackagedApp> {
  return (await packagingRun()).app;
}

/**
 * Removes the packed layout and its staged project; the next packagedApp() packs again. For
 * afterAll of a test file that packed: vitest ends its worker processes without running exit
 * handlers, so nothing else would.
 */
export async function removePackagedApp(): Promise<void> {
  await packing?.catch(() => undefined);
  if (packingRoot !== undefined) await rm(packingRoot, { recursive: true, force: true });
  packing = undefined;
  packingRoot = undefined;
}
