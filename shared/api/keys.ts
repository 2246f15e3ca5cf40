import { z } from 'zod';
import { apiKeyProblem, MAX_API_KEY_LENGTH } from '../api-key-rule';
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
        .max(MAX_API_KEY_LENGTH, `An API key has at most ${MAX_API_KEY_LENGTH.toLocaleString('en-US')} characters.`)
        // The whole rule of what a header can carry, at the boundary (the keys feature checks again).
        .superRefine((key, context) => {
          const problem = apiKeyProblem(key);
          if (problem !== null) context.addIssue({ code: 'custom', message: problem });
        }),
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
