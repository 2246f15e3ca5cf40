/**
 * The export-manager command: arguments and output only, on the same core as the app.
 * Each command lives in main/cli/commands/ and is imported only when it runs, so `--help`,
 * `--version` and the state commands start without the download and archive engines.
 */
import { version } from '../package.json';
import { endQuietlyOnClosedPipe, flushed } from './cli/closed-pipe';
import type { CommandEntry } from './cli/command';
import { processIo } from './cli/io';
import { KEYCHAIN_CHILD_ENV } from './cli/keychain-child-env';
import { runCli } from './cli/run';

const commands: CommandEntry[] = [
  { name: 'download', summary: 'download exports as one zip, or get their URLs', load: async () => (await import('./cli/commands/download')).downloadCommand },
  { name: 'inspect', summary: 'list what a zip holds, flagging unsafe names', load: async () => (await import('./cli/commands/inspect')).inspectCommand },
  { name: 'verify', summary: 'check a zip, against the manifest beside it when there is one', load: async () => (await import('./cli/commands/verify')).verifyCommand },
  { name: 'extract', summary: 'extract a zip safely into a folder', load: async () => (await import('./cli/commands/extract')).extractCommand },
  { name: 'profiles', summary: 'list, add or remove backend profiles', load: async () => (await import('./cli/commands/profiles')).profilesCommand },
  { name: 'key', summary: "set, remove or check a profile's API key", load: async () => (await import('./cli/commands/key')).keyCommand },
  { name: 'track', summary: 'add, import, list or remove tracked exports', load: async () => (await import('./cli/commands/track')).trackCommand },
];

if (process.env[KEYCHAIN_CHILD_ENV] === '1') {
  // This process is the keychain helper of another export-manager (see KeychainProcess).
  await (await import('./cli/keychain-child')).serveKeychain();
} else {
  endQuietlyOnClosedPipe([process.stdout, process.stderr]);
  const code = await runCli(process.argv.slice(2), processIo(), commands, version);
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // Exit now rather than when the event loop empties: nothing left behind (a timer, a socket)
  // may keep a command that has reported from ending.
  process.exit(code);
}
