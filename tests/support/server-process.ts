/**
 * The real server as a process: `server/main.ts` in a child process (as `npm start` runs it),
 * on a port and a data folder the suite chooses, so that it can be killed with SIGKILL and
 * started again on the same database and at the same public URL (tests/reliability), or run
 * several times on one database behind a front server (tests/integration/scale).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Where the server keeps its data and where it is reached. */
export interface ServerSettings {
  /** `DATA_DIR`: the SQLite file (when no database URL is given), secrets.json, evidence. */
  dataDir: string;
  port: number;
  /** `PUBLIC_URL`: ids of credentials and the issuer's did:web derive from it. */
  publicUrl: string;
  /** `DATABASE_URL`: a PostgreSQL URL; undefined runs on `<dataDir>/grange.sqlite`. */
  databaseUrl?: string;
}

export interface ServerProcess {
  /** The base URL requests go to (the public URL). */
  base: string;
  /** The process's own address, `http://127.0.0.1:<port>` (where a front server forwards). */
  address: string;
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, and waits for the exit: the clean stop. */
  stop(): Promise<void>;
  /** SIGKILL, and waits for the exit: the crash. */
  kill(): Promise<void>;
}

/** @returns a TCP port free on the loopback interface now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the server and waits until it says it is ready (migrations, curricula import and
 * issuer done). Demo data is off: each suite seeds its own people.
 *
 * @param settings the data folder, port, public URL and database.
 * @returns the running process.
 * @throws Error with the process's output when it exits or is not ready within two minutes.
 */
export async function startServerProcess(settings: ServerSettings): Promise<ServerProcess> {
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', `${ROOT}server/main.ts`],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(settings.port),
        PUBLIC_URL: settings.publicUrl,
        DATA_DIR: settings.dataDir,
        DATABASE_URL: settings.databaseUrl ?? '',
        DEMO_DATA: 'off',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout?.on('data', (chunk) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 120_000;
  while (!output.includes('Grange is ready')) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    base: settings.publicUrl,
    address: `http://127.0.0.1:${settings.port}`,
    pid: child.pid ?? -1,
    output: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
