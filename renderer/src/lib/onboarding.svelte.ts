/** Where the first-run explanation remembers that it was dismissed. */
const STORAGE_KEY = 'export-manager.welcome-dismissed';

/** Whether the short first-run explanation (track, key, download) is still shown. */
class Onboarding {
  #dismissed = $state(readDismissed());

  /** True until the user dismisses the explanation, on this computer. */
  get showWelcome(): boolean {
    return !this.#dismissed;
  }

  /** Hides the explanation for good. */
  dismiss(): void {
    this.#dismissed = true;
    try {
      localStorage.setItem(STORAGE_KEY, '1');
    } catch {
      // Storage can be unavailable (a locked-down profile); hidden for this session then.
    }
  }
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** The first-run explanation's state. */
export const onboarding = new Onboarding();
