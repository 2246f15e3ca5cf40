import type { Journal } from './journal';
import { recorded } from './recorded';
import { matchesUrlPattern } from './url-pattern';

/**
 * Electron's `session.defaultSession`, reachable only after `ready` (Electron throws before):
 * the permission handlers and `webRequest.onHeadersReceived` are kept so the test can ask
 * what main would answer for a permission, or do to a response's headers.
 */

/** What `onHeadersReceived`'s listener gets. */
export interface HeadersDetails {
  url: string;
  method: string;
  statusCode: number;
  responseHeaders: Record<string, string[]>;
}

/** What the listener hands its callback. */
interface HeadersResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string[]>;
  statusLine?: string;
}

type HeadersListener = (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void;

/** `session.webRequest`: one listener an event, with its URL filter (Electron keeps only the last). */
export class WebRequestDouble {
  headersReceived: { urls: string[] | null; listener: HeadersListener } | null = null;

  onHeadersReceived(filterOrListener: { urls?: string[] } | HeadersListener | null, maybeListener?: HeadersListener | null): void {
    const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
    const filter = typeof filterOrListener === 'function' ? null : filterOrListener;
    // Electron: an empty or absent list of patterns matches every URL.
    this.headersReceived = listener ? { urls: filter?.urls?.length ? filter.urls : null, listener } : null;
  }

  /** The headers a response from `url` reaches the page with: the listener's answer where its filter matches, else as sent. */
  responseHeaders(url: string, headers: Record<string, string[]>): Promise<Record<string, string[]>> {
    const registered = this.headersReceived;
    if (!registered || (registered.urls && !registered.urls.some((pattern) => matchesUrlPattern(pattern, url)))) {
      return Promise.resolve(headers);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('onHeadersReceived never called its callback')), 5000);
      registered.listener({ url, method: 'GET', statusCode: 200, responseHeaders: headers }, (response) => {
        clearTimeout(timer);
        resolve(response.cancel ? {} : (response.responseHeaders ?? headers));
      });
    });
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

/** One session: permission handlers, webRequest and proxy resolution. */
export class SessionDouble {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  /** What `resolveProxy` answers (Chromium's PAC format), as the system's settings would; a test may set it. */
  proxyAnswer = 'DIRECT';
  /** The URLs `resolveProxy` was asked about, in order. */
  readonly proxyQuestions: string[] = [];
  readonly rawWebRequest = new WebRequestDouble();
  private readonly webRequestView: WebRequestDouble;

  constructor(journal: Journal, path: string) {
    this.webRequestView = recorded(`${path}.webRequest`, this.rawWebRequest, journal, { offers: ['onHeadersReceived'] });
  }

  get webRequest(): WebRequestDouble {
    return this.webRequestView;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheck = handler;
  }

  /** Electron's `resolveProxy(url)`: the proxy Chromium would use for `url`, in the PAC format. */
  resolveProxy(url: string): Promise<string> {
    this.proxyQuestions.push(url);
    return Promise.resolve(this.proxyAnswer);
  }
}

/** What main may use of a session. */
export const SESSION_API = ['webRequest', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'resolveProxy'];

/** The `session` module: `defaultSession` after `ready` only. */
export class SessionModuleDouble {
  readonly raw: SessionDouble;
  private readonly view: SessionDouble;

  constructor(
    journal: Journal,
    private readonly isReady: () => boolean,
  ) {
    this.raw = new SessionDouble(journal, 'session.defaultSession');
    this.view = recorded('session.defaultSession', this.raw, journal, { offers: SESSION_API });
  }

  get defaultSession(): SessionDouble {
    if (!this.isReady()) throw new Error('Session can only be received when app is ready');
    return this.view;
  }
}
