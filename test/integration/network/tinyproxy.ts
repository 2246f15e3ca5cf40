import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's tinyproxy is installed. */
export const hasTinyproxy = spawnSync('sh', ['-c', 'command -v tinyproxy']).status === 0;
if (!hasTinyproxy && process.env.CI === 'true') throw new Error('CI needs tinyproxy (Debian "tinyproxy") for the proxy tests.');

/** A tinyproxy of this test's own, on a free loopback port, with its own configuration and log. */
export interface Tinyproxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The log so far (tinyproxy writes every request line it forwards, `CONNECT host:port` for tunnels). */
  log(): string;
  /** The requests it received, from its log: `GET http://…`, `CONNECT 127.0.0.1:PORT`. */
  requests(): string[];
  stop(): Promise<void>;
}

/** A port nobody listens on right now (tinyproxy needs its port in its file, so it cannot take port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts `tinyproxy -d -c FILE`; with `basicAuth`, it answers 407 to requests without that login. */
export async function startTinyproxy(options: { basicAuth?: { user: string; password: string } } = {}): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'export-manager-tinyproxy-'));
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    'LogLevel Info',
    'MaxClients 50',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    'XTinyproxy No',
    // No ConnectPort line: CONNECT is allowed to any port (the backend's is random).
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
  ];
  const config = join(dir, 'tinyproxy.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let tries = 0; !(await accepts(port)); tries++) {
    if (tries > 100 || child.exitCode !== null) throw new Error(`tinyproxy did not start on ${port}: ${readLog(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const log = () => readLog(logFile);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    requests: () => [...log().matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((match) => match[1] ?? ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
