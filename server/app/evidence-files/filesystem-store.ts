/**
 * Evidence files in a folder, by default `<DATA_DIR>/evidence/<key>`. A key is 32 random hex
 * characters; any other key is refused before a path is built, so no request can reach a file
 * outside the folder. Writes go to a temporary name and are renamed once complete.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceFileStore } from './evidence-file-store.ts';

const KEY = /^[0-9a-f]{32}$/;

export class FilesystemEvidenceFileStore implements EvidenceFileStore {
  /** @param directory the folder of the files (created on first write). */
  constructor(private readonly directory: string) {}

  async save(bytes: Uint8Array): Promise<string> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const key = randomBytes(16).toString('hex');
    const partial = join(this.directory, `${key}.part`);
    try {
      // `wx`: never overwrite; 0600: only the server's user reads learners' files.
      await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
      await rename(partial, join(this.directory, key));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return key;
  }

  async read(key: string): Promise<Buffer | undefined> {
    if (!KEY.test(key)) return undefined;
    try {
      return await readFile(join(this.directory, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await rm(join(this.directory, key), { force: true });
  }
}
