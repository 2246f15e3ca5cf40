import type { Dialogs } from '../../ports';
import { APP_NETWORK_SETTINGS } from './app-network';
import { createTrustStore } from './trust-store';

/**
 * Settings → Network → "Extra certificate authorities": asks for the PEM file with the open
 * dialog and reads it at once, so a file that holds no certificate is refused now (`validation`,
 * `disk`), not at the next download. Null when the person cancels.
 */
export async function chooseExtraCaFile(dialogs: Pick<Dialogs, 'openFiles'>): Promise<string | null> {
  const files = await dialogs.openFiles({
    title: 'Choose extra certificate authorities (PEM)',
    filters: [
      { name: 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] },
      { name: 'All files', extensions: ['*'] },
    ],
    multiple: false,
  });
  const file = files?.[0] ?? null;
  if (file === null) return null;
  await createTrustStore({ extraCaFiles: [{ file, from: APP_NETWORK_SETTINGS }], system: false }).secureContext();
  return file;
}
