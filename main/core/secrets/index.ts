/** API keys: the SecretStore port, the keychain (keytar) store, the fallback chain, hints. */
export type { SecretStore, SecretsBackend, SecretsStatus } from './secret-store';
export { SECRET_SERVICE } from './secret-store';
export { KeytarSecretStore, keychainFailure } from './keytar-secret-store';
export type { KeytarModule, KeytarOptions } from './keytar-secret-store';
export { createSecretStore } from './create-secret-store';
export type { FallbackOutcome, SecretChain, SecretChainOptions } from './create-secret-store';
export { SessionSecretStore } from './session-secret-store';
export { withTimeout, DEFAULT_SECRET_TIMEOUT_MS } from './with-timeout';
export { keyHint } from './key-hint';
