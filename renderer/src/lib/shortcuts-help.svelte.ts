/** Whether the keyboard-shortcuts list is open (`?`, or Help → Keyboard Shortcuts). */
class ShortcutsHelpState {
  #open = $state(false);

  get isOpen(): boolean {
    return this.#open;
  }

  open(): void {
    this.#open = true;
  }

  close(): void {
    this.#open = false;
  }
}

/** The app's keyboard-shortcuts list. */
export const shortcutsHelp = new ShortcutsHelpState();
