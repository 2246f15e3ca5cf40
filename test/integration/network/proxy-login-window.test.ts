import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import type { ProxyLoginQuestion } from '../../../shared/api/network';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { proxyLoginAccount } from '../../../main/core/http/network/remembered-logins';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { eventually, finishedJob } from '../../helpers/job-events';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { failure, value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';
import { hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const KEY = `key-${Math.random().toString(36).slice(2)}`;
const LOGIN = { user: 'alice', password: `pw-${Math.random().toString(36).slice(2, 10)}` };
const identity = { name: 'Export Manager', version: '0.0.0', platform: 'linux' };

/** One run of the app: its own data folder, the keychain shared across runs, Settings → Network → Manual through the proxy. */
interface AppRun {
  core: Core;
  ports: TestPorts;
  profileId: string;
  /** Every login question the window was shown, in order (from `network.loginQuestionsChanged`). */
  questions(): ProxyLoginQuestion[];
  /** The questions open now, as the last event said. */
  openNow(): ProxyLoginQuestion[];
}

/** Every file under `dir`, read whole (the data folder is small). */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path).toString('latin1') }));
}

describe.skipIf(!hasTinyproxy || !hasOpenssl)('a proxy’s 407 asks the window, through the core', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let secure: SampleBackend;
  const keychain = new MemorySecretStore();
  const runs: AppRun[] = [];

  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy({ basicAuth: LOGIN });
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
  });
  afterEach(async () => {
    for (const run of runs.splice(0)) {
      await run.core.close();
      run.ports.cleanup();
    }
  });
  afterAll(async () => {
    await proxy?.stop();
    await secure?.close();
    pki?.cleanup();
  });

  /** Starts the app with the shared keychain, a profile of the https backend with its key and exports, and the proxy set by hand. */
  async function startRun(): Promise<AppRun> {
    const ports = createTestPorts({ secrets: keychain });
    const core = await createCore(ports, { identity, sampleBackend: false });
    const run: AppRun = {
      core,
      ports,
      profileId: '',
      questions: () =>
        ports.events.recorded
          .filter((event) => event.name === 'network.loginQuestionsChanged')
          .flatMap((event) => event.payload as ProxyLoginQuestion[])
          .filter((question, index, all) => all.findIndex((other) => other.questionId === question.questionId) === index),
      openNow: () => (ports.events.recorded.findLast((event) => event.name === 'network.loginQuestionsChanged')?.payload as ProxyLoginQuestion[] | undefined) ?? [],
    };
    runs.push(run);
    await value(core.api['settings.set']({ proxyMode: 'manual', proxyUrl: proxy.url }));
    ports.dialogs.openAnswers.push([pki.caFile]);
    await value(core.api['settings.chooseExtraCaFile'](undefined));
    const profile = await value(core.api['profiles.create']({ name: 'Behind the proxy', baseUrl: secure.url }));
    run.profileId = profile.id;
    await value(core.api['keys.set']({ profileId: profile.id, key: KEY }));
    await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(secure.url).slice(0, 3).join('\n') }));
    return run;
  }

  /** Waits for the question open now that is not `after` (the one answered before). */
  function nextQuestion(run: AppRun, after: string | null = null): Promise<ProxyLoginQuestion> {
    return eventually(() => run.openNow().find((question) => question.questionId !== after));
  }

  const urlJob = async (run: AppRun) => (await value(run.core.api['downloads.start']({ profileId: run.profileId, scope: { filter: '' }, mode: 'urls' }))).jobId;

  it('asks once while several requests wait, asks again after a refusal, and keeps a remembered login in the keychain only', async () => {
    const run = await startRun();
    const before = secure.received.length;
    // A download and two connection checks meet the proxy's 407 together.
    const jobId = await urlJob(run);
    const checks = [run.core.api['profiles.checkConnection']({ id: run.profileId }), run.core.api['profiles.checkConnection']({ id: run.profileId })];
    const first = await nextQuestion(run);
    expect(first).toMatchObject({ proxy: `127.0.0.1:${proxy.port}`, from: 'Settings → Network', rejected: false, forgotten: false, username: null, keptIn: 'keychain' });
    // All three wait on that one question: give them time to have met the 407.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.questions()).toHaveLength(1);
    expect(secure.received.length).toBe(before);

    const remaining = await value(run.core.api['network.answerLogin']({ questionId: first.questionId, login: { username: LOGIN.user, password: 'wrong-one', remember: true } }));
    expect(remaining).toEqual([]);
    const second = await nextQuestion(run, first.questionId);
    expect(second).toMatchObject({ rejected: true, forgotten: false, username: LOGIN.user });
    expect(await keychain.get(proxyLoginAccount(`127.0.0.1:${proxy.port}`))).toBeNull();

    await value(run.core.api['network.answerLogin']({ questionId: second.questionId, login: { username: LOGIN.user, password: LOGIN.password, remember: true } }));
    const job = await finishedJob(run.ports.events, jobId);
    expect(job.state, job.error?.message).toBe('succeeded');
    expect(job.result).toMatchObject({ mode: 'urls', exportedUrls: expect.arrayContaining([expect.any(String)]) });
    for (const check of await Promise.all(checks)) expect(check).toMatchObject({ ok: true, value: { outcome: 'reachable' } });
    expect(run.questions()).toHaveLength(2);
    expect(run.openNow()).toEqual([]);

    // Through CONNECT: the proxy saw the host, never the route, the key or the password.
    expect(proxy.requests()).toContain(`CONNECT 127.0.0.1:${new URL(secure.url).port}`);
    expect(proxy.log()).not.toContain(KEY);
    expect(proxy.log()).not.toContain('download-batch');
    expect(secure.received.slice(before).every((request) => request.apiKey === KEY)).toBe(true);
    // Remembered in the keychain once the proxy took it; nowhere in the data folder, the events or the settings.
    expect(JSON.parse((await keychain.get(proxyLoginAccount(`127.0.0.1:${proxy.port}`))) ?? 'null')).toEqual({ username: LOGIN.user, password: LOGIN.password });
    for (const file of filesUnder(run.ports.paths.dataDir)) expect(file.text, file.path).not.toContain(LOGIN.password);
    expect(JSON.stringify(run.ports.events.recorded)).not.toContain(LOGIN.password);
    expect(JSON.stringify(await value(run.core.api['settings.get'](undefined)))).not.toContain(LOGIN.password);
  });

  it('asks nothing on the next run: the remembered login is used', async () => {
    await keychain.set(proxyLoginAccount(`127.0.0.1:${proxy.port}`), JSON.stringify({ username: LOGIN.user, password: LOGIN.password }));
    const run = await startRun();
    const seen = proxy.requests().length;
    const job = await finishedJob(run.ports.events, await urlJob(run));
    expect(job.state, job.error?.message).toBe('succeeded');
    expect(run.questions()).toEqual([]);
    // The first attempt learns that the proxy wants a login (407); the keychain's answers the second.
    expect(new Set(proxy.requests().slice(seen))).toEqual(new Set([`CONNECT 127.0.0.1:${new URL(secure.url).port}`]));
  });

  it('forgets a remembered login the proxy refuses, says so, and fails with the proxy’s error on Cancel', async () => {
    const account = proxyLoginAccount(`127.0.0.1:${proxy.port}`);
    await keychain.set(account, JSON.stringify({ username: LOGIN.user, password: 'changed-since' }));
    const run = await startRun();
    const before = secure.received.length;
    const jobId = await urlJob(run);
    const question = await nextQuestion(run);
    expect(question).toMatchObject({ rejected: true, forgotten: true, username: LOGIN.user });
    expect(await keychain.get(account)).toBeNull();
    await value(run.core.api['network.answerLogin']({ questionId: question.questionId, login: null }));
    const job: DownloadJob = await finishedJob(run.ports.events, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ kind: 'network' });
    expect(job.error?.message).toMatch(new RegExp(`The proxy 127\\.0\\.0\\.1:${proxy.port} \\(set in Settings → Network\\) refused the user name and password \\(40[17]\\)`));
    expect(secure.received.length).toBe(before);
    expect(run.questions()).toHaveLength(1);
    // The question closed with the answer: answering it again is refused as stale.
    expect(await failure(run.core.api['network.answerLogin']({ questionId: question.questionId, login: null }))).toMatchObject({ kind: 'state' });
  });

  it('remembers a login the proxy let through even when the backend then answered with an error (a check’s 400)', async () => {
    const account = proxyLoginAccount(`127.0.0.1:${proxy.port}`);
    await keychain.delete(account);
    const run = await startRun();
    // Check connection sends an empty list, which the backend refuses (400): that answer came through the proxy.
    const check = run.core.api['profiles.checkConnection']({ id: run.profileId });
    const question = await nextQuestion(run);
    await value(run.core.api['network.answerLogin']({ questionId: question.questionId, login: { username: LOGIN.user, password: LOGIN.password, remember: true } }));
    expect(await value(check)).toMatchObject({ outcome: 'reachable', status: 400 });
    expect(JSON.parse((await keychain.get(account)) ?? 'null')).toEqual({ username: LOGIN.user, password: LOGIN.password });
  });

  it('refuses an answer that could not be sent, without quoting the password', async () => {
    const run = await startRun();
    const refused = await failure(run.core.api['network.answerLogin']({ questionId: 'q', login: { username: 'a:b', password: 'secret\nline', remember: false } }));
    expect(refused.kind).toBe('validation');
    expect(refused.message).not.toContain('secret');
  });
});
