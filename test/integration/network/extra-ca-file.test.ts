import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { chooseExtraCaFile } from '../../../main/core/http/network/extra-ca-file';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';

/** The open dialog, answering `files` (null: cancelled) and remembering what it was asked. */
function dialogAnswering(files: string[] | null) {
  const asked: unknown[] = [];
  return { asked, dialogs: { openFiles: async (options: unknown) => (asked.push(options), files) } };
}

describe.skipIf(!hasOpenssl)('choosing the extra certificate authorities file', () => {
  let pki: TestPki;
  beforeAll(() => (pki = makeTestPki()));
  afterAll(() => pki?.cleanup());

  it('returns a PEM file the dialog chose, and null when it was cancelled', async () => {
    const { dialogs, asked } = dialogAnswering([pki.caFile]);
    expect(await chooseExtraCaFile(dialogs)).toBe(pki.caFile);
    expect(asked[0]).toMatchObject({ multiple: false, filters: [expect.objectContaining({ extensions: ['pem', 'crt', 'cer'] }), expect.anything()] });
    expect(await chooseExtraCaFile(dialogAnswering(null).dialogs)).toBeNull();
  });

  it('refuses a file with no certificate at once, naming where it was set', async () => {
    const notPem = join(pki.dir, 'notes.txt');
    writeFileSync(notPem, 'not a certificate');
    const error = appErrorOf(await chooseExtraCaFile(dialogAnswering([notPem]).dialogs).then(() => null, (caught: unknown) => caught));
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error?.message).toContain(`${notPem} (Settings → Network) holds no PEM certificate`);
  });
});
