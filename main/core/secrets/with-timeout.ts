import { fail } from '../app-error';

/** How long one keychain call may take before it is given up (a locked keyring's prompt can hang). */
export const DEFAULT_SECRET_TIMEOUT_MS = 10_000;

/** Resolves like `promise`, or rejects with a `keychain` AppError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        fail(
          'keychain',
          `The system keychain did not answer within ${Math.round(ms / 1000)} s while trying to ${what}. ` +
            'Unlock the keychain (or answer its prompt) and try again.',
        );
      } catch (error) {
        reject(error);
      }
    }, ms);
    // Not unref'd: the caller awaits this race, and an unref'd timer could let the process exit
    // mid-await (code 13, silently) when the call has nothing else keeping it alive. It is
    // cleared as soon as the call settles, so it never holds a finished process open.
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
