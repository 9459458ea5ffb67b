/**
 * The real server for journeys: `server/main.ts` as a child process (as `npm start` runs it),
 * on a free port, with a fresh data folder and SQLite database, demo data seeded by the real
 * engine; the demo sign-in details are read from what it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/server-process.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A demo learner's sign-in details, as printed at start. */
export interface DemoLearner {
  displayName: string;
  profile: string;
  learnerCode?: string;
  pin?: string;
  email?: string;
  password?: string;
}

export interface RunningServer {
  base: string;
  output(): string;
  learners: DemoLearner[];
  /** @returns the demo learner with this display name. */
  learner(displayName: string): DemoLearner;
  stop(): Promise<void>;
}

/** @returns the learners of the "Demo data seeded" block. */
export function parseDemoLearners(output: string): DemoLearner[] {
  const learners: DemoLearner[] = [];
  for (const line of output.split('\n')) {
    const match = /^ {4}(.+?) \((.+)\) — (.+)$/.exec(line);
    if (match === null) continue;
    const [, displayName = '', profile = '', secret = ''] = match;
    const code = /^code (\S+) \/ PIN (\d+)$/.exec(secret);
    const email = /^(\S+@\S+) \/ (.+)$/.exec(secret);
    if (code !== null) learners.push({ displayName, profile, learnerCode: code[1], pin: code[2] });
    else if (email !== null)
      learners.push({ displayName, profile, email: email[1], password: email[2] });
  }
  return learners;
}

/** Starts the server and waits until it says it is ready. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-e2e-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        PUBLIC_URL: base,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 120_000;
  while (!output.includes('Grange is ready')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGTERM');
      throw new Error(`the server did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const learners = parseDemoLearners(output);
  return {
    base,
    output: () => output,
    learners,
    learner(displayName) {
      const found = learners.find((l) => l.displayName === displayName);
      if (found === undefined) {
        throw new Error(`no demo learner "${displayName}" in the start output:\n${output}`);
      }
      return found;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
