/**
 * The thin file-system wrapper around `parse.ts`: reads every `*.yaml` of a folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type ParsedCurriculum, parseCurriculum } from './parse.ts';

/** The folder that ships with Grange. */
export const CURRICULA_DIR = new URL('.', import.meta.url).pathname;

/**
 * Reads and parses every curriculum file of a folder, in file-name order.
 *
 * @param dir the folder to read (defaults to the shipped `curricula/`).
 * @param cwd paths in problems are shown relative to this folder.
 */
export async function loadCurriculumFiles(
  dir: string = CURRICULA_DIR,
  cwd: string = process.cwd(),
): Promise<ParsedCurriculum[]> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      const text = await readFile(path, 'utf8');
      return parseCurriculum(text, relative(cwd, path) || name);
    }),
  );
}
