/** Keys in memory for tests that are not about the keychain: the app's own session-only store. */
export { SessionSecretStore as MemorySecretStore } from '../../main/core/secrets/session-secret-store';
