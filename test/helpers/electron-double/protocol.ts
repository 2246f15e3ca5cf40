/**
 * Electron's `protocol`: privileged schemes may be declared only before `ready` (and once),
 * handlers only after it, as in Electron. The handlers are kept so the test can call one with a
 * real `Request` and read the real `Response` main builds.
 */

/** A handler as `protocol.handle` takes it. */
export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** What main may use of `protocol` (anything else throws). */
export const PROTOCOL_API = ['registerSchemesAsPrivileged', 'handle', 'unhandle', 'isProtocolHandled'];

/** The protocol double. */
export class ProtocolDouble {
  /** The schemes declared privileged, as main passed them. */
  privileged: unknown[] | null = null;
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (this.privileged) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    this.privileged = schemes;
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.isReady()) throw new Error('The protocol module cannot be used before the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** Calls the handler of the URL's scheme with a real Request, as Chromium would for a page's request. */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`No handler for ${scheme}://`);
    return handler(new Request(url));
  }
}
