import { describe, expect, it } from 'vitest';
import type { ProxyLoginQuestion } from '../../../shared/api/network';
import { appErrorOf } from '../../../main/core/app-error';
import { ProxyLoginQuestions } from '../../../main/core/http/network/login-questions';
import type { RememberedLoginRequest } from '../../../main/core/http/network/remembered-logins';
import type { EventName } from '../../../shared/api';

const PROXY = 'proxy.corp:3128';
const request = (more: Partial<RememberedLoginRequest> = {}): RememberedLoginRequest => ({
  proxy: PROXY,
  from: 'Settings → Network',
  realm: 'Corp',
  rejected: false,
  username: null,
  forgotten: false,
  ...more,
});
const answer = { login: { username: 'ana', password: 'p4ss-w0rd' }, remember: true };

/** The questions over a recording event sink and notifier. */
function questions() {
  const pushed: ProxyLoginQuestion[][] = [];
  const notified: string[] = [];
  const broker = new ProxyLoginQuestions({
    events: { emit: (name: EventName, payload: unknown) => void (name === 'network.loginQuestionsChanged' && pushed.push(payload as ProxyLoginQuestion[])) },
    notifier: { notify: ({ body }) => void notified.push(body), progress: () => {} },
    keptIn: () => 'keychain',
  });
  return { broker, pushed, notified };
}

function thrown(run: () => unknown) {
  try {
    run();
    return null;
  } catch (error) {
    return appErrorOf(error);
  }
}

describe('the window’s proxy-login questions', () => {
  it('asks one question for a proxy however many requests wait, and gives them all its answer', async () => {
    const { broker, pushed, notified } = questions();
    const waiting = [broker.ask(request()), broker.ask(request()), broker.ask(request())];
    expect(broker.list()).toHaveLength(1);
    expect(pushed).toHaveLength(1);
    expect(notified).toEqual([`The proxy ${PROXY} wants a user name and password: enter them in Export Manager.`]);
    const [question] = broker.list();
    expect(question).toMatchObject({ proxy: PROXY, realm: 'Corp', rejected: false, keptIn: 'keychain' });
    expect(broker.answer(question!.questionId, answer)).toEqual([]);
    expect(await Promise.all(waiting)).toEqual([answer, answer, answer]);
    expect(pushed.at(-1)).toEqual([]);
  });

  it('keeps questions for different proxies apart, oldest first', () => {
    const { broker } = questions();
    void broker.ask(request());
    void broker.ask(request({ proxy: 'other.corp:8080' }));
    expect(broker.list().map((question) => question.proxy)).toEqual([PROXY, 'other.corp:8080']);
  });

  it('says a refusal when a refused request joins an open question, offering its user name', () => {
    const { broker, pushed } = questions();
    void broker.ask(request());
    void broker.ask(request({ rejected: true, username: 'ana', forgotten: true }));
    expect(broker.list()).toEqual([expect.objectContaining({ rejected: true, username: 'ana', forgotten: true })]);
    expect(pushed).toHaveLength(2);
  });

  it('closes a question nobody waits on any more, and lets a cancelled request go with no answer', async () => {
    const { broker, pushed } = questions();
    const first = new AbortController();
    const second = new AbortController();
    const one = broker.ask(request(), first.signal);
    const two = broker.ask(request(), second.signal);
    first.abort();
    expect(await one).toBeNull();
    expect(broker.list()).toHaveLength(1);
    second.abort();
    expect(await two).toBeNull();
    expect(broker.list()).toEqual([]);
    expect(pushed.at(-1)).toEqual([]);
    expect(await broker.ask(request(), AbortSignal.abort())).toBeNull();
    expect(broker.list()).toEqual([]);
  });

  it('refuses an answer to a question that is no longer open, as state', async () => {
    const { broker } = questions();
    const waiting = broker.ask(request());
    const [question] = broker.list();
    broker.answer(question!.questionId, null);
    expect(await waiting).toBeNull();
    expect(thrown(() => broker.answer(question!.questionId, answer))).toMatchObject({ kind: 'state' });
  });

  it('answers every open question with nothing when the app closes', async () => {
    const { broker } = questions();
    const waiting = [broker.ask(request()), broker.ask(request({ proxy: 'other.corp:8080' }))];
    broker.close();
    expect(await Promise.all(waiting)).toEqual([null, null]);
    expect(broker.list()).toEqual([]);
  });

  it('never pushes or lists a password', async () => {
    const { broker, pushed } = questions();
    const waiting = broker.ask(request());
    broker.answer(broker.list()[0]!.questionId, answer);
    await waiting;
    void broker.ask(request({ rejected: true, username: 'ana' }));
    expect(JSON.stringify([pushed, broker.list()])).not.toContain(answer.login.password);
  });
});
