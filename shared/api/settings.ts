import { z } from 'zod';
import { event, method } from '../contract';
import type { StandingConflictChoice } from './downloads';
import { MAX_PROXY_BYPASS_LENGTH, proxyBypassProblem } from './network';
import type { SecretsBackend } from './keys';

/** The app's settings, with their defaults filled in. */
export interface Settings {
  /** `ask`: the save dialog every time; `default-folder`: save into the default folder without asking. */
  saveMode: 'ask' | 'default-folder';
  /** null: the system Downloads folder. */
  defaultFolder: string | null;
  /** The folder last chosen in the save dialog. */
  lastSaveFolder: string | null;
  /** Saving into the default folder where the name is taken: ask, or the remembered answer (the save dialog asks on its own). */
  nameConflict: StandingConflictChoice | 'ask';
  theme: 'system' | 'light' | 'dark';
  /** Write `NAME.manifest.json` beside every downloaded zip (what was asked for and what arrived, every entry's SHA-256), for Verify. */
  writeManifest: boolean;
  /** The profile the window shows: the one chosen, else the first profile; null only when there is none. */
  activeProfileId: string | null;
  /** How requests reach servers: `system` (the OS proxy settings, PAC, WPAD), `none` (straight), `manual` (`proxyUrl`). */
  proxyMode: ProxyMode;
  /** The proxy of `manual`: `http://host:port`, never with a user name or password (asked for when the proxy wants them). */
  proxyUrl: string | null;
  /**
   * The hosts that go straight, not through the proxy of `manual` ("No proxy for"): NO_PROXY's
   * syntax (see proxyBypassProblem); null for none. This computer's own addresses never go
   * through a proxy on another computer, listed or not.
   */
  proxyBypass: string | null;
  /** A PEM file of the organization's certificate authorities, trusted besides the system's; chosen with `settings.chooseExtraCaFile`. */
  extraCaFile: string | null;
}

/** The proxy choices of Settings → Network. */
export const PROXY_MODES = ['system', 'none', 'manual'] as const;

/** One of PROXY_MODES. */
export type ProxyMode = (typeof PROXY_MODES)[number];

/**
 * Why a manual proxy URL cannot be used, or null when it can: an HTTP proxy as `host:port` or
 * `http://host:port`, without a user name or password (a settings file must never hold one: the
 * app asks when the proxy wants them). The same rule for the window's field and for main.
 */
export function proxyUrlProblem(value: string): string | null {
  // Parsed by hand: shared code sees neither Node's URL nor the DOM's (tsconfig.shared.json).
  const parts = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:([^@/]*)@)?(\[[0-9a-f:.]+\]|[^:/?#@\s[\]]+)(?::(\d{1,5}))?\/?$/i.exec(value.trim());
  if (!parts) return 'Write the proxy as http://host:port.';
  const [, scheme, credentials, , port] = parts;
  if (scheme && scheme.toLowerCase() !== 'http') return `Give the proxy's http:// address (${scheme.toLowerCase()} proxies are not supported); https still goes through it encrypted.`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'Write the proxy as http://host:port.';
  if (credentials !== undefined) return 'Leave the user name and password out: the app asks for them when the proxy wants them.';
  return null;
}

/** How the app's state is kept, and anything the user must be told about it. */
export interface StateStatus {
  /**
   * Where a damaged database was moved aside (a fresh one was started), set for the one app
   * session that must tell the user; null otherwise and in every later session.
   */
  recoveredFrom: string | null;
  /** The sentence to show with `recoveredFrom` (what happened, what it means, where the copy is), else null. */
  recoveryNotice: string | null;
  databasePath: string;
  secretsBackend: SecretsBackend;
  /** When keys are not in the OS keychain: what it means, in one sentence with one thing to do. */
  secretsWarning: string | null;
  /** What failed on the way there (the keychain's and the fallback's own words), when it did. */
  secretsWarningDetail: string | null;
}

/** The schema of a partial settings change. */
export const settingsPatchSchema = z
  .object({
    saveMode: z.enum(['ask', 'default-folder']),
    /** Only back to the system Downloads folder: a folder is set with `settings.chooseDefaultFolder`. */
    defaultFolder: z.null(),
    nameConflict: z.enum(['ask', 'keep-both', 'replace']),
    theme: z.enum(['system', 'light', 'dark']),
    writeManifest: z.boolean(),
    activeProfileId: z.string().min(1).max(100).nullable(),
    proxyMode: z.enum(PROXY_MODES),
    proxyUrl: z
      .string()
      .trim()
      .min(1, 'Write the proxy as http://host:port.')
      .max(2048)
      .refine((value) => proxyUrlProblem(value) === null, { error: (issue) => proxyUrlProblem(String(issue.input)) ?? 'Write the proxy as http://host:port.' })
      .nullable(),
    proxyBypass: z
      .string()
      .trim()
      .min(1, 'Leave the list empty with null.')
      .max(MAX_PROXY_BYPASS_LENGTH)
      .refine((value) => proxyBypassProblem(value) === null, { error: (issue) => proxyBypassProblem(String(issue.input)) ?? 'Separate hosts with commas.' })
      .nullable(),
    /** Only back to none: a file is set with `settings.chooseExtraCaFile`. */
    extraCaFile: z.null(),
  })
  .partial()
  .strict();

/** A partial settings change. */
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Methods about settings. */
export const settingsMethods = {
  'settings.get': method<Settings>()(z.undefined()),
  /** Applies a partial change; returns every setting. */
  'settings.set': method<Settings>()(settingsPatchSchema),
  /** Asks for the default download folder with the folder dialog; returns every setting (unchanged when cancelled). */
  'settings.chooseDefaultFolder': method<Settings>()(z.undefined()),
  /** Asks for a PEM file of extra certificate authorities with the open dialog; returns every setting (unchanged when cancelled). */
  'settings.chooseExtraCaFile': method<Settings>()(z.undefined()),
  /** Where state lives, a recovered damaged database, where keys are kept. */
  'settings.status': method<StateStatus>()(z.undefined()),
} as const;

/** Events about settings. */
export const settingsEvents = {
  'settings.changed': event<Settings>(),
  /** Where keys are kept became known (the keychain answered, or a fallback was chosen). */
  'settings.statusChanged': event<StateStatus>(),
} as const;
