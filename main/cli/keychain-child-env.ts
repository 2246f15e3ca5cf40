/** Set in the environment of the helper process that makes the keychain calls (see KeychainProcess). */
export const KEYCHAIN_CHILD_ENV = 'EXPORT_MANAGER_KEYCHAIN_CHILD';
