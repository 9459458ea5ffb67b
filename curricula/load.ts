/**
 * The thin file-system wrapper around `parse.ts`: reads every `*.yaml` of a folder, and the
 * job profiles of its `jobs/` sub-folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  type ParsedCurriculum,
  type ParsedJobProfiles,
  parseCurriculum,
  parseJobProfiles,
} from './parse.ts';

/** The folder that ships with Grange. */
export const CURRICULA_DIR = new URL('.', import.meta.url).pathname;

/** The sub-folder of job profiles (not curricula: they have no skills of their own). */
export const JOBS_FOLDER = 'jobs';

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

/**
 * Reads and parses every job-profiles file (`jobs/*.yaml`) of a curricula folder; a folder
 * without `jobs/` has no job profiles.
 *
 * @param dir the curricula folder (defaults to the shipped `curricula/`).
 * @param cwd paths in problems are shown relative to this folder.
 */
export async function loadJobProfileFiles(
  dir: string = CURRICULA_DIR,
  cwd: string = process.cwd(),
): Promise<ParsedJobProfiles[]> {
  const jobsDir = join(dir, JOBS_FOLDER);
  let names: string[];
  try {
    names = (await readdir(jobsDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => {
      const path = join(jobsDir, name);
      const text = await readFile(path, 'utf8');
      return parseJobProfiles(text, relative(cwd, path) || name);
    }),
  );
}
