/**
 * The server's own secrets (today the access-token HMAC key), generated on first run into
 * `<dataDir>/secrets.json`, readable by the server's user only (mode 0600), and read back on
 * every later start. They never live in the repository or in the environment.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const SecretsFile = z.object({
  // 32 random bytes in base64url are 43 characters; shorter would be a weak HMAC key.
  jwtSecret: z.string().min(43),
});

/** The server's secrets. */
export type Secrets = z.infer<typeof SecretsFile>;

/**
 * @param dataDir the data folder (created if missing).
 * @returns the secrets, creating `secrets.json` (mode 0600) on first run.
 * @throws Error when the file exists but is unreadable or malformed: it is never overwritten,
 *   since that would silently sign everyone out (and lose any secret added later).
 */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const fresh: Secrets = { jwtSecret: randomBytes(32).toString('base64url') };
  try {
    // `wx` fails if the file exists, so two processes starting together cannot both write.
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // The umask may have narrowed the mode further, never widened it; set it exactly anyway.
    chmodSync(file, 0o600);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}); restore it from a backup or delete it to generate new secrets (everyone will have to sign in again).`,
    );
  }
  const secrets = SecretsFile.safeParse(parsed);
  if (!secrets.success) {
    throw new Error(
      `${file} lacks a valid jwtSecret; restore it from a backup or delete it to generate new secrets (everyone will have to sign in again).`,
    );
  }
  return secrets.data;
}
