/**
 * Checks a whole folder of curricula in one run: every file's own problems (from the parser)
 * plus the problems that only the set as a whole reveals (prerequisites into other files,
 * cycles, criteria naming unknown skills or badges), each located at its file and line.
 */
import { CURRICULA_DIR, loadCurriculumFiles, loadJobProfileFiles } from '../../curricula/load.ts';
import type { ParsedCurriculum, ParsedJobProfiles } from '../../curricula/parse.ts';
import { type Problem, sortProblems } from '../../curricula/problems.ts';
import type { Curriculum, JobProfile } from '../../curricula/schema.ts';
import {
  type BadgeDefinition,
  type BadgeProblem,
  validateBadges,
} from '../domain/criteria/criteria-rule.ts';
import { contentHash } from '../domain/identity/content-hash.ts';
import {
  buildSkillGraph,
  type GraphProblem,
  type SkillGraph,
  type SkillNodeInput,
} from '../domain/skills/skill-graph.ts';
import {
  curriculumOf,
  salvageCurriculum,
  toBadgeDefinitions,
  toSkillNodes,
} from './curricula-to-domain.ts';

/** Every curriculum, the global skill graph and the badges, ready for the rest of the app. */
export interface Catalog {
  curricula: Curriculum[];
  /** Each curriculum's content hash: its version, unchanged by comments or YAML layout. */
  versions: ReadonlyMap<string, string>;
  graph: SkillGraph;
  badges: BadgeDefinition[];
  /**
   * The job profiles of `curricula/jobs/`. They are read from the files at every start and
   * never stored: pathway records keep only a profile's id, and the gap analysis is computed
   * at read time, so there is nothing to version (unlike a curriculum, whose badges are
   * snapshotted at issue).
   */
  jobProfiles: JobProfile[];
}

export type CurriculaCheck =
  | { ok: true; catalog: Catalog; files: ParsedCurriculum[]; problems: [] }
  | { ok: false; catalog: undefined; files: ParsedCurriculum[]; problems: Problem[] };

/**
 * Reads, parses and cross-checks every curriculum of a folder.
 *
 * @param dir the folder (defaults to the shipped `curricula/`).
 * @returns the catalog when everything is valid, otherwise every problem, sorted by file and line.
 */
export async function checkCurriculaFolder(
  dir: string = CURRICULA_DIR,
  cwd?: string,
): Promise<CurriculaCheck> {
  const [files, jobFiles] = await Promise.all([
    loadCurriculumFiles(dir, cwd),
    loadJobProfileFiles(dir, cwd),
  ]);
  if (files.length === 0) {
    const problem: Problem = {
      code: 'no-curricula',
      file: dir,
      line: 1,
      column: 1,
      path: '(folder)',
      message: 'there is no curriculum file (*.yaml) in this folder',
      hint: 'check the folder given with --dir; curricula are the <id>.yaml files of curricula/',
    };
    return { ok: false, catalog: undefined, files, problems: [problem] };
  }
  return checkCurricula(files, jobFiles);
}

/** Where each global skill or badge id was authored. */
interface Origin {
  file: ParsedCurriculum;
  /** Index of the entry in the file's `skills` or `badges`. */
  index: number;
  /** For skills: the index in the file's `prerequisites` list of each prerequisite kept. */
  prerequisiteIndexes?: number[];
}

interface DomainInput {
  node?: SkillNodeInput;
  badge?: BadgeDefinition;
  index: number;
  prerequisiteIndexes: number[];
}

/** Strict mapping for valid files; lenient salvage for files with problems of their own. */
function domainInputsOf(file: ParsedCurriculum): DomainInput[] {
  if (file.curriculum) {
    return [
      ...toSkillNodes(file.curriculum).map((node, index) => ({
        node,
        index,
        prerequisiteIndexes: node.prerequisites.map((_, i) => i),
      })),
      ...toBadgeDefinitions(file.curriculum).map((badge, index) => ({
        badge,
        index,
        prerequisiteIndexes: [],
      })),
    ];
  }
  const salvaged = salvageCurriculum(file.data, curriculumIdOfFile(file));
  return [
    ...salvaged.skills.map(({ node, index, prerequisiteIndexes }) => ({
      node,
      index,
      prerequisiteIndexes,
    })),
    ...salvaged.badges.map(({ badge, index }) => ({ badge, index, prerequisiteIndexes: [] })),
  ];
}

/**
 * Cross-checks parsed files. Pure: the folder reading happens in `checkCurriculaFolder`.
 *
 * @param files the parsed curriculum files.
 * @param jobFiles the parsed job-profiles files (their skills and badges must exist).
 */
export function checkCurricula(
  files: ParsedCurriculum[],
  jobFiles: readonly ParsedJobProfiles[] = [],
): CurriculaCheck {
  const problems: Problem[] = [
    ...files.flatMap((file) => file.problems),
    ...jobFiles.flatMap((file) => file.problems),
  ];
  const valid = files.filter(
    (file): file is ParsedCurriculum & { curriculum: Curriculum } => file.curriculum !== undefined,
  );
  // A file whose YAML does not even parse cannot say which skills it has: links into it are
  // checked once it is fixed, rather than reported here as misleading "unknown prerequisite".
  const broken = new Set(files.filter((f) => f.data === undefined).map(curriculumIdOfFile));

  const nodes: SkillNodeInput[] = [];
  const skillOrigins: Origin[] = [];
  const badges: BadgeDefinition[] = [];
  const badgeOrigins = new Map<string, Origin>();
  for (const file of files) {
    if (file.data === undefined) continue;
    for (const { node, index, prerequisiteIndexes, badge } of domainInputsOf(file)) {
      if (node) {
        const kept = node.prerequisites
          .map((p, i) => [p, prerequisiteIndexes[i] ?? i] as const)
          .filter(([p]) => !broken.has(curriculumOf(p)));
        nodes.push({ ...node, prerequisites: kept.map(([p]) => p) });
        skillOrigins.push({ file, index, prerequisiteIndexes: kept.map(([, i]) => i) });
      }
      if (badge) {
        badges.push(badge);
        if (!badgeOrigins.has(badge.id)) badgeOrigins.set(badge.id, { file, index });
      }
    }
  }

  const built = buildSkillGraph(nodes);
  // Badge criteria only need to know which skills exist and their levels, so they are checked
  // even when prerequisites are broken: one run shows every problem.
  const lookup = built.ok ? built : buildSkillGraph(withoutEdges(nodes));
  if (lookup.ok) {
    for (const problem of validateBadges(badges, lookup.graph)) {
      problems.push(locateBadgeProblem(problem, badges, badgeOrigins));
    }
  }
  if (!built.ok) {
    const firstOrigin = new Map<string, Origin>();
    nodes.forEach((node, i) => {
      const origin = skillOrigins[i];
      if (origin && !firstOrigin.has(node.id)) firstOrigin.set(node.id, origin);
    });
    for (const problem of built.problems) {
      problems.push(locateGraphProblem(problem, nodes, skillOrigins, firstOrigin));
    }
  }

  const skillIds = new Set(nodes.map((node) => node.id));
  const badgeIds = new Set(badges.map((badge) => badge.id));
  // References into a curriculum whose YAML does not parse are checked once it is fixed.
  const known = (id: string, ids: ReadonlySet<string>) =>
    ids.has(id) || broken.has(curriculumOf(id));
  for (const jobFile of jobFiles) {
    problems.push(
      ...checkJobReferences(
        jobFile,
        (id) => known(id, skillIds),
        (id) => known(id, badgeIds),
      ),
    );
  }
  const jobProfiles = jobFiles.flatMap((file) => file.profiles ?? []);
  const duplicateJobs = duplicateJobProblems(jobFiles);
  problems.push(...duplicateJobs);

  if (problems.length > 0 || !built.ok || valid.length !== files.length) {
    return { ok: false, catalog: undefined, files, problems: sortProblems(problems) };
  }
  return {
    ok: true,
    catalog: {
      curricula: valid.map((f) => f.curriculum),
      versions: new Map(valid.map((f) => [f.curriculum.id, contentHash(f.curriculum)])),
      graph: built.graph,
      badges,
      jobProfiles,
    },
    files,
    problems: [],
  };
}

/** The same skills, each once, with no prerequisite: always a valid graph. */
function withoutEdges(nodes: SkillNodeInput[]): SkillNodeInput[] {
  const seen = new Set<string>();
  return nodes
    .filter((node) => !seen.has(node.id) && seen.add(node.id))
    .map((node) => ({ ...node, prerequisites: [] }));
}

function curriculumIdOfFile(file: ParsedCurriculum): string {
  return (
    file.file
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.ya?ml$/, '') ?? file.file
  );
}

function localId(globalId: string): string {
  return globalId.slice(globalId.indexOf('/') + 1);
}

function locateGraphProblem(
  problem: GraphProblem,
  nodes: SkillNodeInput[],
  origins: Origin[],
  firstOrigin: Map<string, Origin>,
): Problem {
  switch (problem.kind) {
    case 'duplicate-skill': {
      const origin = origins[problem.index] as Origin;
      return origin.file.problemAt(
        ['skills', origin.index, 'id'],
        'duplicate-id',
        `the skill "${problem.skillId}" is defined twice (two files with the same curriculum id?)`,
        'give each curriculum its own id, equal to its file name',
      );
    }
    case 'unknown-prerequisite': {
      const origin = firstOrigin.get(problem.skillId) as Origin;
      return origin.file.problemAt(
        ['skills', origin.index, 'prerequisites', fileIndex(origin, problem.prerequisiteIndex)],
        'unknown-prerequisite',
        `the prerequisite "${problem.prerequisite}" does not exist`,
        suggestSkill(problem.prerequisite, nodes),
      );
    }
    case 'self-prerequisite': {
      const origin = firstOrigin.get(problem.skillId) as Origin;
      return origin.file.problemAt(
        ['skills', origin.index, 'prerequisites', fileIndex(origin, problem.prerequisiteIndex)],
        'cycle',
        `the skill "${localId(problem.skillId)}" lists itself as a prerequisite: ${problem.skillId} → ${problem.skillId}`,
        'remove it from its own prerequisites',
      );
    }
    case 'cycle': {
      const cycle = requiresOrder(problem.cycle, nodes);
      const [first, second] = cycle;
      const origin = firstOrigin.get(first ?? '') as Origin;
      const node = nodes.find((n) => n.id === first);
      const index = node?.prerequisites.indexOf(second ?? '') ?? -1;
      return origin.file.problemAt(
        [
          'skills',
          origin.index,
          'prerequisites',
          ...(index >= 0 ? [fileIndex(origin, index)] : []),
        ],
        'cycle',
        `prerequisites go round in a circle: ${cycle.join(' → ')} (each arrow reads "requires")`,
        'remove one of these prerequisites so that the chain has a beginning',
      );
    }
  }
}

/** The position in the file's prerequisites list of the node's i-th kept prerequisite. */
function fileIndex(origin: Origin, i: number): number {
  return origin.prerequisiteIndexes?.[i] ?? i;
}

/** Orients a cycle so that each arrow reads "requires": a → b when b is a prerequisite of a. */
function requiresOrder(cycle: string[], nodes: SkillNodeInput[]): string[] {
  const [a, b] = cycle;
  const node = nodes.find((n) => n.id === a);
  if (node && b !== undefined && node.prerequisites.includes(b)) return cycle;
  return [...cycle].reverse();
}

function suggestSkill(missing: string, nodes: SkillNodeInput[]): string {
  const curriculum = curriculumOf(missing);
  const local = localId(missing);
  const sameCurriculum = nodes.filter((n) => n.curriculumId === curriculum);
  if (sameCurriculum.length === 0) {
    return `there is no curriculum "${curriculum}": check the part before "/"`;
  }
  const close = sameCurriculum
    .map((n) => localId(n.id))
    .filter((id) => id.includes(local) || local.includes(id) || sharesWords(id, local));
  return close.length > 0
    ? `check the id; did you mean ${close
        .slice(0, 3)
        .map((id) => `"${id}"`)
        .join(' or ')}?`
    : `check the id against the skills of ${curriculum}, or add that skill`;
}

function sharesWords(a: string, b: string): boolean {
  const words = new Set(a.split('-').filter((w) => w.length > 3));
  return b.split('-').some((w) => words.has(w));
}

function locateBadgeProblem(
  problem: BadgeProblem,
  badges: BadgeDefinition[],
  origins: Map<string, Origin>,
): Problem {
  const at = (badgeId: string) => origins.get(badgeId) as Origin;
  switch (problem.kind) {
    case 'unknown-skill': {
      const origin = at(problem.badgeId);
      return origin.file.problemAt(
        ['badges', origin.index, 'criteria', ...problem.path],
        'unknown-criteria-reference',
        `the badge criteria name a skill that does not exist: "${problem.skillId}"`,
        'check the skill id (use "<curriculum>/<id>" for a skill of another curriculum)',
      );
    }
    case 'unknown-badge': {
      const origin = at(problem.badgeId);
      return origin.file.problemAt(
        ['badges', origin.index, 'criteria', ...problem.path],
        'unknown-criteria-reference',
        `the badge criteria name a badge that does not exist: "${problem.referencedBadgeId}"`,
        `check the badge id; badges here: ${badges
          .filter((b) => b.curriculumId === origin.file.curriculum?.id)
          .map((b) => localId(b.id))
          .join(', ')}`,
      );
    }
    case 'level-out-of-range': {
      const origin = at(problem.badgeId);
      return origin.file.problemAt(
        ['badges', origin.index, 'criteria', ...problem.path],
        'level-out-of-range',
        `minLevel ${problem.minLevel} asked of "${problem.skillId}", which has ${
          problem.levelCount === 0 ? 'no levels' : `only ${problem.levelCount} levels`
        }`,
        problem.levelCount === 0
          ? 'remove minLevel, or give the skill levels'
          : `use a minLevel between 1 and ${problem.levelCount}`,
      );
    }
    case 'badge-cycle': {
      const origin = at(problem.cycle[0] ?? '');
      return origin.file.problemAt(
        ['badges', origin.index, 'criteria'],
        'cycle',
        `badges require each other in a circle: ${problem.cycle.join(' → ')}`,
        'a badge cannot require, even indirectly, a badge that requires it: remove one {badge: …} rule',
      );
    }
    case 'duplicate-badge': {
      const badge = badges[problem.index];
      const origin = at(badge?.id ?? '');
      return origin.file.problemAt(
        ['badges', origin.index, 'id'],
        'duplicate-id',
        `the badge "${problem.badgeId}" is defined twice`,
        'give each curriculum its own id, equal to its file name',
      );
    }
  }
}

/** Skills and badges a job profile names that no curriculum has, each at its line. */
function checkJobReferences(
  file: ParsedJobProfiles,
  skillExists: (id: string) => boolean,
  badgeExists: (id: string) => boolean,
): Problem[] {
  const problems: Problem[] = [];
  (file.profiles ?? []).forEach((profile, p) => {
    profile.skills.forEach(({ skill }, i) => {
      if (skillExists(skill)) return;
      problems.push(
        file.problemAt(
          ['profiles', p, 'skills', i, 'skill'],
          'unknown-job-reference',
          `the job profile "${profile.id}" names a skill that does not exist: "${skill}"`,
          'check the id: "<curriculum>/<skill>" of a shipped curriculum (grange curricula graph <curriculum> lists them)',
        ),
      );
    });
    profile.badges.forEach(({ badge }, i) => {
      if (badgeExists(badge)) return;
      problems.push(
        file.problemAt(
          ['profiles', p, 'badges', i, 'badge'],
          'unknown-job-reference',
          `the job profile "${profile.id}" names a badge that does not exist: "${badge}"`,
          'check the id: "<curriculum>/<badge>" of a badge of a shipped curriculum',
        ),
      );
    });
  });
  return problems;
}

/** A job id used in two files (ids within one file are checked by the parser). */
function duplicateJobProblems(jobFiles: readonly ParsedJobProfiles[]): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const file of jobFiles) {
    (file.profiles ?? []).forEach((profile, index) => {
      const other = seen.get(profile.id);
      if (other === undefined) {
        seen.set(profile.id, file.file);
        return;
      }
      if (other === file.file) return;
      problems.push(
        file.problemAt(
          ['profiles', index, 'id'],
          'duplicate-id',
          `the job profile "${profile.id}" is already defined in ${other}`,
          'give each job profile its own id',
        ),
      );
    });
  }
  return problems;
}
