import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyLoginQuestion } from '../../../shared/api/network';
import { createCore } from '../../../main/core/core';
import { proxyLoginAccount } from '../../../main/core/http/network/remembered-logins';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { skipWithoutKeychain } from '../../helpers/keychain-probe';
import { value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';
import { hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const keychainMissing = await skipWithoutKeychain();
const LOGIN = { user: 'alice', password: `pw-${Math.random().toString(36).slice(2, 10)}` };
const identity = { name: 'Export Manager', version: '0.0.0', platform: 'linux' };

describe.skipIf(keychainMissing || !hasTinyproxy || !hasOpenssl)('a remembered proxy login in the OS keychain (Secret Service through keytar)', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let secure: SampleBackend;
  const keychain = new KeytarSecretStore();
  let account = '';
  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy({ basicAuth: LOGIN });
    secure = await startSampleBackend({ tls: pki.server });
    account = proxyLoginAccount(`127.0.0.1:${proxy.port}`);
  });
  afterAll(async () => {
    await keychain.delete(account).catch(() => false);
    await proxy?.stop();
    await secure?.close();
    pki?.cleanup();
  });

  /** Runs Check connection once in a fresh app over the real keychain; `answer` answers any login question. */
  async function checkOnce(answer: (question: ProxyLoginQuestion) => { username: string; password: string; remember: boolean } | null) {
    const ports = createTestPorts({ secrets: keychain });
    const core = await createCore(ports, { identity, sampleBackend: false });
    try {
      await value(core.api['settings.set']({ proxyMode: 'manual', proxyUrl: proxy.url }));
      ports.dialogs.openAnswers.push([pki.caFile]);
      await value(core.api['settings.chooseExtraCaFile'](undefined));
      const profile = await value(core.api['profiles.create']({ name: 'Behind the proxy', baseUrl: secure.url }));
      const check = core.api['profiles.checkConnection']({ id: profile.id });
      const asked: ProxyLoginQuestion[] = [];
      let done = false;
      void check.finally(() => (done = true));
      // Answers each question the window is shown while the check waits.
      const answering = (async () => {
        while (!done) {
          const open = ports.events.recorded.findLast((event) => event.name === 'network.loginQuestionsChanged')?.payload as ProxyLoginQuestion[] | undefined;
          const question = open?.find((candidate) => !asked.some((seen) => seen.questionId === candidate.questionId));
          if (!question) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          asked.push(question);
          await value(core.api['network.answerLogin']({ questionId: question.questionId, login: answer(question) }));
        }
      })();
      const outcome = await value(check);
      await answering;
      return { outcome, asked };
    } finally {
      await core.close();
      ports.cleanup();
    }
  }

  it('is written to the keychain under the app’s service once the proxy accepts it, and answers the next run instead of the window', async () => {
    await keychain.delete(account);
    const first = await checkOnce((question) => {
      expect(question.keptIn).toBe('keychain');
      return { username: LOGIN.user, password: LOGIN.password, remember: true };
    });
    expect(first.outcome).toMatchObject({ outcome: 'reachable' });
    expect(first.asked).toHaveLength(1);
    expect(JSON.parse((await keychain.get(account)) ?? 'null')).toEqual({ username: LOGIN.user, password: LOGIN.password });

    const second = await checkOnce(() => null);
    expect(second.outcome).toMatchObject({ outcome: 'reachable' });
    expect(second.asked).toEqual([]);
  });
});
