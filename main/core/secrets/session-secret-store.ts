import type { SecretStore } from './secret-store';

/** Keys kept in this process's memory only: gone when the app quits (the safe last resort). */
export class SessionSecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }

  async list(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
