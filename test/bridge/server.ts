/**
 * The test bridge: serves the real core (`createCore`) to a browser page over HTTP on
 * 127.0.0.1, a POST per method and server-sent events for pushed events, plus the built
 * renderer with a page script that defines `window.exportManager`. Playwright drives the
 * real Svelte build through it; `npm run dev:browser` uses it for UI work without Electron.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { isMethodName } from '../../shared/api';
import type { EventName, EventPayload } from '../../shared/api';
import type { AppCommand } from '../../shared/api/app';
import { createCore } from '../../main/core/core';
import type { Core, CoreOptions } from '../../main/core/core';
import type { SecretChain } from '../../main/core/secrets/create-secret-store';
import type { SampleBackendOptions } from '../../main/core/sample-backend';
import { bridgeDialogs, bridgeNotifier, bridgePaths, bridgeShell, emptyDesktopLog } from './bridge-ports';
import type { DesktopLog, DialogAnswers } from './bridge-ports';
import { LaunchTokens, newToken, OPEN_THE_LINK, refusal, tokenCookie } from './access';
import { chooseMenuItem } from './menu';
import { injectBridgeScript, readStatic } from './static-files';

/** A running bridge. */
export interface Bridge {
  /** The bridge's address (`http://127.0.0.1:port/`), for building request URLs; opening it without the cookie is refused. */
  url: string;
  /** A link that opens the app once: its one-time token is traded for the cookie (print it, or hand it to a browser). */
  openLink(): string;
  /** The folder holding the core's state, temp files and downloads. */
  root: string;
  core: Core;
  desktop: DesktopLog;
  /** Pushes an event to the page as main would (e.g. `app.opened` for a deep link the OS handed over). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/** What a bridge needs. */
export interface BridgeOptions {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** A folder for the core's state, temp files and downloads. */
  root: string;
  secrets: SecretChain;
  identity: CoreOptions['identity'];
  port?: number;
  /**
   * Serve `/__bridge/test/*` (queue dialog answers, read what the desktop was asked to do, choose
   * an item of the app menu): only for the test suite. `npm run dev:browser` leaves it off.
   */
  testRoutes?: boolean;
  /** How the built-in sample backend behaves (e.g. the Content-Disposition of its zips), or false for none; its defaults when absent. */
  sampleBackend?: SampleBackendOptions | false;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Bundles the page script once, from the same shared/api.ts the preload uses. */
async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./client.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** A request the bridge answers with a 4xx status and a short reason (never a stack trace). */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(413, 'Request body too large.');
    chunks.push(chunk);
  }
  try {
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  } catch {
    throw new BadRequest(400, 'The body is not JSON.');
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** Starts the bridge and the core behind it. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const streams = new Set<ServerResponse>();
  const desktop = emptyDesktopLog();
  const answers: DialogAnswers = { saveAs: [], openFiles: [], chooseFolder: [] };
  const events = {
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
  };
  const core = await createCore(
    {
      paths: bridgePaths(options.root),
      secrets: options.secrets.store,
      dialogs: bridgeDialogs(answers, desktop),
      notifier: bridgeNotifier(desktop),
      shell: bridgeShell(desktop),
      events,
    },
    { identity: options.identity, secretsStatus: options.secrets.status, sampleBackend: options.sampleBackend },
  );
  const clientScript = await bundleClient();
  let allowedHosts: Set<string> = new Set();
  let ownOrigins: Set<string> = new Set();
  let token = newToken(0);
  const launchTokens = new LaunchTokens();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (error instanceof BadRequest) return send(response, error.status, 'text/plain', error.message);
      // The details are for whoever runs the bridge, in its own terminal; the caller learns only that it failed.
      console.error(`bridge: ${request.method} ${request.url}:`, error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error; see the bridge\'s output.');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Only pages served by this bridge may call it (a guard against DNS rebinding).
    if (!allowedHosts.has(request.headers.host ?? '')) return send(response, 403, 'text/plain', 'Unknown host.');
    const url = new URL(request.url ?? '/', 'http://bridge.invalid');
    const path = url.pathname;
    // The printed link: its one-time token buys the cookie, then the browser is sent on to the
    // page without the token in its address bar or history.
    if (request.method === 'GET' && url.searchParams.has('token')) {
      if (!launchTokens.redeem(url.searchParams.get('token'))) return send(response, 401, 'text/plain', `This link was used already or is not this bridge's. ${OPEN_THE_LINK}`);
      return send(response, 303, 'text/plain', 'Opening…', { location: path, 'set-cookie': tokenCookie(token) });
    }
    const refused = refusal(request, token, ownOrigins);
    if (refused) return send(response, refused.status, 'text/plain', refused.reason);
    if (path.startsWith('/__bridge/test/') && !options.testRoutes) return send(response, 404, 'text/plain', 'Not found.');
    if (request.method === 'POST' && path.startsWith('/__bridge/')) {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(response, 415, 'text/plain', 'JSON only.');
      }
      const body = (await readJson(request)) as Record<string, unknown>;
      if (path.startsWith('/__bridge/call/')) {
        const name = decodeURIComponent(path.slice('/__bridge/call/'.length));
        if (!isMethodName(name)) return send(response, 404, 'text/plain', `Unknown method ${name}.`);
        const result = await core.api[name](body.payload);
        return send(response, 200, 'application/json', JSON.stringify(result));
      }
      if (path === '/__bridge/test/dialogs') {
        const queued = body as Partial<DialogAnswers>;
        answers.saveAs.push(...(queued.saveAs ?? []));
        answers.openFiles.push(...(queued.openFiles ?? []));
        answers.chooseFolder.push(...(queued.chooseFolder ?? []));
        return send(response, 200, 'application/json', '{}');
      }
      if (path === '/__bridge/test/menu') {
        // `{ path: ['Help', 'Keyboard Shortcuts'] }`: what main does when that item is chosen in the native menu.
        const item = body.path;
        if (!Array.isArray(item) || !item.every((label) => typeof label === 'string')) throw new BadRequest(400, 'Give the item as { "path": ["Help", "Keyboard Shortcuts"] }.');
        const actions = {
          command: (command: AppCommand) => events.emit('app.command', { command }),
          openHelp: () => void desktop.openedPaths.push('README.md'),
        };
        if (!chooseMenuItem(item, actions)) return send(response, 404, 'text/plain', `The app menu has no item ${item.join(' → ')} that the bridge can choose.`);
        return send(response, 200, 'application/json', '{}');
      }
    }
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed.');
    if (path === '/__bridge/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (path === '/__bridge/client.js') return send(response, 200, 'text/javascript; charset=utf-8', clientScript);
    if (path === '/__bridge/test/desktop') return send(response, 200, 'application/json', JSON.stringify(desktop));
    const file = await readStatic(options.staticDir, path);
    if (!file) return send(response, 404, 'text/plain', 'Not found.');
    if (!file.type.startsWith('text/html')) return send(response, 200, file.type, file.body);
    return send(response, 200, file.type, injectBridgeScript(file.body.toString('utf8')));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  ownOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  token = newToken(port);
  return {
    url: `http://127.0.0.1:${port}/`,
    openLink: () => `http://127.0.0.1:${port}/?token=${launchTokens.mint()}`,
    root: options.root,
    core,
    desktop,
    emit: (name, payload) => events.emit(name, payload),
    async close() {
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await core.close();
    },
  };
}
