/**
 * `grange curricula check` and `grange curricula graph <id>`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CURRICULA_DIR } from '../../../curricula/load.ts';
import { formatProblem } from '../../../curricula/problems.ts';
import { checkCurriculaFolder } from '../../app/check-curricula.ts';
import { type CliIo, EXIT_INVALID, EXIT_OK, UsageError } from '../io.ts';
import { type GraphFormat, type Language, renderSkillGraph } from '../render-skill-graph.ts';

export const CURRICULA_USAGE = `grange curricula check [--dir <folder>] [--json]
    Checks every curriculum file; lists every problem with file:line and a fix; exits 1 if any.
grange curricula graph <curriculum-id> [--format mermaid|dot] [--lang fr|en] [--dir <folder>]
    Prints the skill graph (Mermaid by default, Graphviz DOT with --format dot).`;

/**
 * @param args the words after `grange curricula`.
 * @returns the exit code.
 */
export async function curriculaCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(rest, io);
  if (sub === 'graph') return graph(rest, io);
  throw new UsageError(
    sub === undefined ? 'say what to do with the curricula' : `unknown command "curricula ${sub}"`,
  );
}

const OPTIONS = {
  dir: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  lang: { type: 'string' },
} as const;

function options(args: string[], allowed: (keyof typeof OPTIONS)[]) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>
  >;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const name of Object.keys(parsed.values)) {
    if (!allowed.includes(name as keyof typeof OPTIONS)) {
      throw new UsageError(`the option --${name} does not apply here`);
    }
  }
  return parsed;
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = options(args, ['dir', 'json']);
  const dir = typeof values.dir === 'string' ? resolve(io.cwd, values.dir) : CURRICULA_DIR;
  const result = await checkCurriculaFolder(dir, io.cwd);
  if (values.json) {
    io.out(`${JSON.stringify({ ok: result.ok, problems: result.problems }, null, 2)}\n`);
    return result.ok ? EXIT_OK : EXIT_INVALID;
  }
  if (!result.ok) {
    for (const problem of result.problems) io.out(`${formatProblem(problem)}\n`);
    const files = new Set(result.problems.map((p) => p.file)).size;
    io.out(
      `\n${result.problems.length} problem${result.problems.length > 1 ? 's' : ''} in ${files} file${files > 1 ? 's' : ''}.\n`,
    );
    return EXIT_INVALID;
  }
  const { curricula, badges, graph, versions } = result.catalog;
  for (const curriculum of curricula) {
    const version = versions.get(curriculum.id)?.slice(0, 'sha256:'.length + 12);
    io.out(
      `✓ ${curriculum.id}: ${curriculum.skills.length} skills, ${curriculum.badges.length} badges, ${curriculum.modules.length} modules (${version})\n`,
    );
  }
  const jobs = result.catalog.jobProfiles.length;
  if (jobs > 0) io.out(`✓ jobs: ${jobs} job profile${jobs > 1 ? 's' : ''}\n`);
  io.out(
    `\n${curricula.length} curricula, ${graph.size} skills, ${badges.length} badges: no problem found.\n`,
  );
  return EXIT_OK;
}

async function graph(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args, ['dir', 'format', 'lang']);
  const [id] = positionals;
  if (id === undefined)
    throw new UsageError('name the curriculum to draw, e.g. "grange curricula graph bafa"');
  const format = (values.format ?? 'mermaid') as string;
  if (format !== 'mermaid' && format !== 'dot') {
    throw new UsageError(`unknown format "${format}": use mermaid or dot`);
  }
  const lang = (values.lang ?? 'fr') as string;
  if (lang !== 'fr' && lang !== 'en')
    throw new UsageError(`unknown language "${lang}": use fr or en`);
  const dir = typeof values.dir === 'string' ? resolve(io.cwd, values.dir) : CURRICULA_DIR;
  const result = await checkCurriculaFolder(dir, io.cwd);
  if (!result.ok) {
    io.err('The curricula have problems; run "grange curricula check" to see them.\n');
    return EXIT_INVALID;
  }
  const curriculum = result.catalog.curricula.find((c) => c.id === id);
  if (!curriculum) {
    io.err(
      `No curriculum "${id}". Known: ${result.catalog.curricula.map((c) => c.id).join(', ')}.\n`,
    );
    return EXIT_INVALID;
  }
  io.out(
    renderSkillGraph(curriculum, result.catalog.curricula, format as GraphFormat, lang as Language),
  );
  return EXIT_OK;
}
