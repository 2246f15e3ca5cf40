import { z } from 'zod';
import type { ErrorKind } from '../errors';
import { event, method } from '../contract';
import { MAX_BATCH_SIZE } from '../batches';

/** A backend profile as the UI lists it (never with its key). */
export interface Profile {
  id: string;
  name: string;
  baseUrl: string;
  /** The built-in sample backend: cannot be renamed or deleted; its base URL follows the running server. */
  builtIn: boolean;
  /** ISO date-time. */
  createdAt: string;
  trackedCount: number;
  /** The most exports one batch request may carry (larger downloads are split into parts); null: no limit. */
  maxBatchSize: number | null;
}

/** What deleting a profile did about its key. */
export interface ProfileDeleted {
  keyRemoved: boolean;
  /** Set when the key could not be removed from the keychain (the profile is gone anyway). */
  warning?: string;
}

/** A profile after its base URL changed, and whether its key was removed on the way. */
export interface BaseUrlChanged extends Profile {
  /** True when the new base URL is on another origin: the old origin's key is not sent there. */
  keyRemoved: boolean;
  /** What to tell the user when the key was removed, else null. */
  notice: string | null;
}

/** What "check connection" found out about a profile's backend. */
export interface ConnectionCheck {
  /**
   * `reachable`: the batch route answered and did not reject the key. `wrong-url`: 404, a web
   * page, or no answer at all (network, timeout). `key-rejected`: 401/403. `server-error`: 5xx.
   */
  outcome: 'reachable' | 'wrong-url' | 'key-rejected' | 'server-error' | 'proxy-unreachable' | 'proxy-refused' | 'certificate-untrusted';
  message: string;
  status?: number;
  /** The underlying error kind, for the outcomes that are failures. */
  kind?: ErrorKind;
  backendMessage?: string;
}

const name = z.string().trim().min(1, 'Give the profile a name.').max(100, 'A profile name has at most 100 characters.');
const baseUrl = z.string().trim().min(1, 'Give the backend base URL, e.g. https://host/api.').max(2048);
const id = z.string().min(1).max(100);
const BATCH_SIZE_RULE = `Give a whole number from 1 to ${MAX_BATCH_SIZE.toLocaleString('en-US')}, or nothing for no limit.`;
const maxBatchSize = z.number().int(BATCH_SIZE_RULE).min(1, BATCH_SIZE_RULE).max(MAX_BATCH_SIZE, BATCH_SIZE_RULE).nullable();

/** Methods about backend profiles. */
export const profilesMethods = {
  /** Every profile, the built-in one first, then by name. */
  'profiles.list': method<Profile[]>()(z.undefined()),
  'profiles.create': method<Profile>()(z.object({ name, baseUrl })),
  'profiles.rename': method<Profile>()(z.object({ id, name })),
  /**
   * Changes the base URL (absolute http(s); plain http only for this machine when a key is set).
   * A move to another origin removes the profile's key, so it never follows to a new server.
   */
  'profiles.setBaseUrl': method<BaseUrlChanged>()(z.object({ id, baseUrl })),
  /** Sets the most exports one batch request may carry (null: no limit); larger downloads are split into parts. */
  'profiles.setMaxBatchSize': method<Profile>()(z.object({ id, maxBatchSize })),
  /** Tells apart a wrong URL, a rejected key and a reachable route for a profile. */
  'profiles.checkConnection': method<ConnectionCheck>()(z.object({ id })),
  /** Deletes a profile, its tracked exports and its key. */
  'profiles.delete': method<ProfileDeleted>()(z.object({ id })),
} as const;

/** Events about backend profiles. */
export const profilesEvents = {
  /** A profile was created, changed or deleted. */
  'profiles.changed': event<null>(),
} as const;
