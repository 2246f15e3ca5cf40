import { z } from 'zod';
import { event, method } from '../contract';

/**
 * Where keys are kept: the OS keychain, an encrypted file (Electron safeStorage), or this
 * session only; `checking` while the app still waits for the keychain's first answer (its window
 * opens without waiting, and `settings.statusChanged` says where keys ended up).
 */
export type SecretsBackend = 'checking' | 'keychain' | 'encrypted-file' | 'session';

/** What the renderer may know about a profile's key: never the key itself. */
export interface KeyStatus {
  hasKey: boolean;
  /** `••••` plus the last 4 characters for keys of 12 characters or more, else `••••`; null without a key. */
  hint: string | null;
  backend: SecretsBackend;
}

const profileId = z.string().min(1).max(100);

/** Methods about API keys: set, replace, remove, status. There is no method that reads a key back. */
export const keysMethods = {
  'keys.set': method<KeyStatus>()(
    z.object({
      profileId,
      key: z
        .string()
        .trim()
        .min(1, 'The API key is empty.')
        .max(4096, 'An API key has at most 4096 characters.')
        .regex(/^[^\r\n]*$/, 'An API key is one line.'),
    }),
  ),
  'keys.remove': method<KeyStatus>()(z.object({ profileId })),
  'keys.status': method<KeyStatus>()(z.object({ profileId })),
} as const;

/** Events about API keys. */
export const keysEvents = {
  /** A profile's key was set or removed. */
  'keys.changed': event<{ profileId: string }>(),
} as const;
