import type { ProxyLoginQuestion } from '../../../shared/api/network';
import type { AppError } from '../../../shared/errors';
import { exportManager, unwrap } from './api';

/** What the person gives in the proxy-login dialog. */
export interface ProxyLoginEntry {
  username: string;
  password: string;
  remember: boolean;
}

/**
 * The proxy logins main waits for (`network.*`): the questions it has open, as it last said,
 * and the answer to one. The password is handed to main in the answer and kept nowhere here.
 */
class ProxyLoginState {
  #questions = $state<ProxyLoginQuestion[]>([]);

  /** The question to show now (the oldest open one), or null. */
  get asking(): ProxyLoginQuestion | null {
    return this.#questions[0] ?? null;
  }

  /** Follows main's questions; returns the unsubscribe. */
  connect(): () => void {
    return exportManager().on('network.loginQuestionsChanged', (questions) => (this.#questions = questions));
  }

  /** Asks main for the questions already open (asked before this window listened, or before a reload). */
  async load(): Promise<void> {
    // Without the list the window only misses a question that is still waiting; the event brings the next one.
    const questions = await unwrap(exportManager().network.loginQuestions(), () => {});
    if (questions) this.#questions = questions;
  }

  /**
   * Answers a question with a login, or null to cancel. Resolves to main's refusal (to show in the
   * dialog), or null once answered. A question that closed meanwhile (its requests ended) is let go.
   */
  async answer(questionId: string, login: ProxyLoginEntry | null): Promise<AppError | null> {
    const result = await exportManager().network.answerLogin({ questionId, login });
    if (result.ok) {
      // Only the answered one goes: the list main returned may already be older than a question
      // pushed since (a refusal asks again at once, and its event can overtake this answer).
      this.#questions = this.#questions.filter((question) => question.questionId !== questionId);
      return null;
    }
    if (result.error.kind !== 'state') return result.error;
    await this.load();
    return null;
  }
}

/** The proxy logins the window is asked for. */
export const proxyLogin = new ProxyLoginState();
