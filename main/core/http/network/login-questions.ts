import { randomUUID } from 'node:crypto';
import type { SecretsBackend } from '../../../../shared/api/keys';
import type { ProxyLoginQuestion } from '../../../../shared/api/network';
import { fail } from '../../app-error';
import type { EventSink, Notifier } from '../../ports';
import type { AskForProxyLogin, ProxyLoginAnswer } from './remembered-logins';

/** One open question and the requests waiting on it. */
interface OpenQuestion {
  question: ProxyLoginQuestion;
  waiters: Set<(answer: ProxyLoginAnswer | null) => void>;
}

/**
 * The window's questions for proxy logins (`network.*`): one question a proxy, however many
 * requests meet its 407 while it is open; they all wait on it and all get its answer. Every
 * change is pushed as `network.loginQuestionsChanged`, and the list can be read again
 * (`network.loginQuestions`), so a window that opens or reloads meanwhile still shows it. The
 * password passes through here in the answer only: it is never pushed, listed or kept.
 */
export class ProxyLoginQuestions {
  readonly #open = new Map<string, OpenQuestion>();

  constructor(private readonly deps: { events: EventSink; notifier?: Notifier; keptIn: () => SecretsBackend }) {}

  /** The AskForProxyLogin of keychainProxyLogins: opens the proxy's question, or joins the one open. */
  readonly ask: AskForProxyLogin = (request, signal) => {
    if (signal?.aborted) return Promise.resolve(null);
    let open = this.#open.get(request.proxy);
    if (!open) {
      const question: ProxyLoginQuestion = {
        questionId: randomUUID(),
        proxy: request.proxy,
        from: request.from,
        realm: request.realm,
        rejected: request.rejected,
        forgotten: request.forgotten,
        username: request.username,
        keptIn: this.deps.keptIn(),
      };
      open = { question, waiters: new Set() };
      this.#open.set(request.proxy, open);
      this.#changed();
      // The window may be in the background: requests must not wait on a question nobody sees.
      this.deps.notifier?.notify({ title: 'A proxy asks for a login', body: `The proxy ${request.proxy} wants a user name and password: enter them in Export Manager.` });
    } else if ((request.rejected && !open.question.rejected) || (request.forgotten && !open.question.forgotten)) {
      // A request whose login was just refused joins a question that did not say so yet.
      open.question = { ...open.question, rejected: true, forgotten: open.question.forgotten || request.forgotten, username: open.question.username ?? request.username };
      this.#changed();
    }
    const joined = open;
    return new Promise((resolve) => {
      const settle = (answer: ProxyLoginAnswer | null) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      // The request went away (its job was cancelled): it stops waiting, and a question nobody waits on closes.
      const onAbort = () => {
        joined.waiters.delete(settle);
        if (joined.waiters.size === 0) this.#close(joined);
        resolve(null);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      joined.waiters.add(settle);
    });
  };

  /** The questions open now, oldest first. */
  list(): ProxyLoginQuestion[] {
    return [...this.#open.values()].map((open) => open.question);
  }

  /** Answers a question: every request waiting on it tries this login, or fails with the proxy's 407 (null). `state` when it is not open. */
  answer(questionId: string, answer: ProxyLoginAnswer | null): ProxyLoginQuestion[] {
    const open = [...this.#open.values()].find((candidate) => candidate.question.questionId === questionId);
    if (!open) fail('state', 'That proxy login is no longer asked for: the requests that waited for it have ended.');
    this.#close(open);
    for (const settle of open.waiters) settle(answer);
    return this.list();
  }

  /** Answers every open question with null (the app is closing): nothing waits on a window that is gone. */
  close(): void {
    for (const open of [...this.#open.values()]) {
      this.#close(open);
      for (const settle of open.waiters) settle(null);
    }
  }

  #close(open: OpenQuestion): void {
    if (this.#open.get(open.question.proxy) !== open) return;
    this.#open.delete(open.question.proxy);
    this.#changed();
  }

  #changed(): void {
    this.deps.events.emit('network.loginQuestionsChanged', this.list());
  }
}
