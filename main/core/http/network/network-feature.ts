import type { Feature, MethodsOf } from '../../handlers';
import type { ProxyLoginQuestions } from './login-questions';
import type { RouteNotes } from './route-notes';

/**
 * `network.*`: the window's side of the app's network, a proxy's login questions and the notes
 * about routes. It lives beside the network it serves (a technology room) because it owns no
 * state of the store: the questions and notes are this run's, in memory.
 */
export function createNetworkFeature(deps: { questions: ProxyLoginQuestions; notes: RouteNotes }): Feature<MethodsOf<'network'>> {
  return {
    handlers: {
      'network.loginQuestions': () => deps.questions.list(),
      'network.answerLogin': ({ questionId, login }) =>
        deps.questions.answer(questionId, login === null ? null : { login: { username: login.username, password: login.password }, remember: login.remember }),
      'network.routeNotes': () => deps.notes.list(),
    },
    // Requests still waiting for a person's answer fail with the proxy's 407 rather than hold the way down.
    close: () => deps.questions.close(),
  };
}
