/**
 * Starts `load-server.ts` as a child process (Node with tsx, as `npm start` runs the server)
 * and talks to its control port: the bare baseline's bytes, and the SQL statement counter.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

const ENTRY = new URL('./load-server.ts', import.meta.url).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;

export interface LoadServer {
  /** Grange's base URL (http://127.0.0.1:<port>). */
  grange: string;
  /** The control application's base URL; `${control}/bare` is the bare baseline. */
  control: string;
  /** The HMAC key the server signs access tokens with. */
  jwtSecret: string;
  /** Makes `${control}/bare` answer these bytes with this content type. */
  setBare(type: string, body: Buffer): Promise<void>;
  /** SQL statements Grange has sent since it started. */
  statements(): Promise<number>;
  /** CPU time the server process has used, in microseconds. */
  cpuMicros(): Promise<number>;
  /** What the process printed (for an error message). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * @param database where the data lives: a PostgreSQL URL, or a folder holding grange.sqlite.
 * @param publicUrl the platform's public URL (ids of credentials derive from it).
 * @returns the running server, once both ports listen.
 */
export async function startLoadServer(
  database: { postgresUrl: string } | { dataDir: string },
  publicUrl: string,
): Promise<LoadServer> {
  const jwtSecret = randomBytes(32).toString('base64url');
  let output = '';
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...('postgresUrl' in database
        ? { DATABASE_URL: database.postgresUrl }
        : { DATABASE_URL: '', DATA_DIR: database.dataDir }),
      PUBLIC_URL: publicUrl,
      BENCH_JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_SERVER_LOG=/tmp/server.log keeps what the server prints (with --trace-gc, its pauses).
  const log = process.env.BENCH_SERVER_LOG;
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (log) appendFileSync(log, chunk);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const ports = await new Promise<{ grange: number; control: number }>((resolve, reject) => {
    const timer = setInterval(() => {
      const line = output.split('\n').find((l) => l.startsWith('{"grange"'));
      if (line !== undefined) {
        clearInterval(timer);
        resolve(JSON.parse(line) as { grange: number; control: number });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the benchmark server stopped:\n${output}`));
      }
    }, 100);
  });
  const control = `http://127.0.0.1:${ports.control}`;
  return {
    grange: `http://127.0.0.1:${ports.grange}`,
    control,
    jwtSecret,
    setBare: async (type, body) => {
      const response = await fetch(`${control}/__bench/bare?type=${encodeURIComponent(type)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(body),
      });
      if (response.status !== 204) throw new Error(`setBare answered ${response.status}`);
    },
    statements: async () => {
      const response = await fetch(`${control}/__bench/statements`);
      return ((await response.json()) as { statements: number }).statements;
    },
    cpuMicros: async () => {
      const response = await fetch(`${control}/__bench/cpu`);
      return ((await response.json()) as { micros: number }).micros;
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
