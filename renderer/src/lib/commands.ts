import type { AppCommand } from '../../../shared/api/app';
import type { DownloadMode } from '../../../shared/api/downloads';
import { archive } from './archive.svelte';
import { downloads } from './downloads.svelte';
import { focusScreen, focusSoon } from './focus';
import { navigation } from './navigation.svelte';
import { profiles } from './profiles.svelte';
import { shortcutsHelp } from './shortcuts-help.svelte';
import { tracked } from './tracked.svelte';

/** What the keyboard and the app menu can ask for by name (the menu sends it as `app.command`). */
export type Command = AppCommand;

/** Each command's key, as `aria-keyshortcuts` spells it (`Mod` is Control, or Meta on macOS). */
const KEYS: Record<Command, { mod: boolean; key: string }> = {
  filter: { mod: true, key: 'F' },
  'open-zip': { mod: true, key: 'O' },
  download: { mod: true, key: 'Enter' },
  'remove-selected': { mod: false, key: 'Delete' },
  settings: { mod: true, key: ',' },
  shortcuts: { mod: false, key: '?' },
};

const MAC = typeof navigator !== 'undefined' && /mac/i.test(navigator.platform);

/** The `aria-keyshortcuts` value of a command, e.g. "Control+F". */
export function ariaShortcut(command: Command): string {
  const { mod, key } = KEYS[command];
  return mod ? `${MAC ? 'Meta' : 'Control'}+${key === ',' ? 'Comma' : key}` : key;
}

/** A command's shortcut as people read it in a tooltip, e.g. "Ctrl+F" or "⌘F". */
export function shortcutLabel(command: Command): string {
  const { mod, key } = KEYS[command];
  if (!mod) return key === 'Delete' ? 'Del' : key;
  return MAC ? `⌘${key === 'Enter' ? '↩' : key}` : `Ctrl+${key}`;
}

/** A button's tooltip with its shortcut, e.g. "Download zip (Ctrl+Enter)". */
export function withShortcut(text: string, command: Command): string {
  return `${text} (${shortcutLabel(command)})`;
}

/** Whether the keyboard event is typing into a field (where Delete edits text). */
function typing(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** The command a key press stands for, or null. */
export function commandForKey(event: KeyboardEvent): Command | null {
  const mod = MAC ? event.metaKey : event.ctrlKey;
  for (const [command, keys] of Object.entries(KEYS) as Array<[Command, { mod: boolean; key: string }]>) {
    if (keys.mod !== mod || event.altKey) continue;
    const pressed = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    if (pressed !== keys.key) continue;
    if (command === 'remove-selected' && (typing(event) || event.shiftKey)) return null;
    // `?` is typed with Shift on most layouts; in a field it is just a character.
    if (command === 'shortcuts' && typing(event)) return null;
    return command;
  }
  return null;
}

/** Downloads exactly what the Exports footer names (selection, else filtered rows, else all), then shows the job. */
export async function downloadScope(mode: DownloadMode): Promise<void> {
  const profile = profiles.active;
  if (!profile || tracked.scope.count === 0) return;
  const jobId = await downloads.start(profile.id, mode, tracked.exportScope);
  if (!jobId) return;
  navigation.go('downloads');
  await focusSoon(`[data-job-id="${jobId}"]`);
}

/** Runs URL mode on the footer's scope to show what a zip would hold, before downloading it. */
export async function checkScope(): Promise<void> {
  const profile = profiles.active;
  if (!profile || tracked.scope.count === 0) return;
  const scope = tracked.exportScope;
  if ('checkJobId' in scope) return;
  if (await downloads.check(profile.id, scope)) await focusSoon('[data-testid="check-result"]');
}

/** Removes the selected exports and moves focus to Undo. */
export async function removeSelected(): Promise<void> {
  if (await tracked.removeSelected()) await focusSoon('[data-testid="undo-remove"]');
}

/** Tracks the sample backend's large export in the sample profile and shows it, ready to download (to try progress and cancel). */
export async function trackLargeSample(url: string): Promise<void> {
  const sample = profiles.list.find((profile) => profile.builtIn);
  if (!sample) return;
  if (profiles.active?.id !== sample.id) await profiles.select(sample.id);
  navigation.go('tracked');
  // The list shows the sample profile before anything is added, so the export lands there.
  await tracked.show(sample.id);
  await tracked.add(url);
  tracked.setFilter('mib.bin');
  await focusSoon('#tracked-filter');
}

/** Runs one command: the keyboard calls it, and so can the app menu. */
export async function runCommand(command: Command): Promise<void> {
  switch (command) {
    case 'filter':
      navigation.go('tracked');
      return focusSoon('#tracked-filter');
    case 'open-zip':
      navigation.go('archive');
      await archive.choose();
      return focusSoon(archive.listing ? '#archive-filter' : 'main h1');
    case 'download':
      if (navigation.current === 'tracked') await downloadScope('zip');
      return;
    case 'remove-selected':
      if (navigation.current === 'tracked') await removeSelected();
      return;
    case 'settings':
      navigation.go('settings');
      return focusScreen();
    case 'shortcuts':
      shortcutsHelp.open();
      return;
  }
}

/** The window's keydown listener: runs the command a shortcut stands for. */
export function onShortcut(event: KeyboardEvent): void {
  const command = commandForKey(event);
  if (!command) return;
  // A modal dialog waits for its answer: a shortcut would act on the screen behind it.
  if (document.querySelector('dialog[open]')) return;
  event.preventDefault();
  void runCommand(command);
}
