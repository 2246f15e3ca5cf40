import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { KeytarModule } from '../core/secrets/keytar-secret-store';
import type { KeychainReply, KeychainRequest } from './keychain-process';

/** The helper's side of `KeychainProcess`: one keytar call per line of stdin, one JSON reply per line of stdout. */
export async function serveKeychain(): Promise<void> {
  let keytar: KeytarModule | null = null;
  const reply = (message: KeychainReply) => process.stdout.write(`${JSON.stringify(message)}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const { id, method, args } = JSON.parse(line) as KeychainRequest;
    try {
      keytar ??= createRequire(import.meta.url)('keytar') as KeytarModule;
      const call = keytar[method] as (...values: string[]) => Promise<unknown>;
      reply({ id, value: (await call.apply(keytar, args)) ?? null });
    } catch (error) {
      reply({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
