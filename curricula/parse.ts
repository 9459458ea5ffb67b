/**
 * Text → Curriculum, pure: no file system here (see `load.ts`).
 *
 * The parser never stops at the first problem: it reports every YAML, schema and in-file
 * problem it can find in one run, each with its line. Checks that need every curriculum at
 * once (prerequisites into other files, cycles, criteria references) run on the whole set,
 * in `server/app/check-curricula.ts`, using the `locate` function returned here.
 */
import {
  type Alias,
  type Document,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { z } from 'zod';
import { type DocumentPath, formatPath, type Problem, type ProblemCode } from './problems.ts';
import { Curriculum, type JobProfile, JobProfilesFile } from './schema.ts';

export interface ParsedCurriculum {
  file: string;
  /** The curriculum, when the file is valid on its own (cross-file checks may still fail). */
  curriculum: Curriculum | undefined;
  problems: Problem[];
  /** The plain data read from the YAML (undefined when the YAML itself does not parse). */
  data: unknown;
  /** The line and column of a path in this file, or of its nearest existing parent. */
  locate: (path: DocumentPath) => { line: number; column: number };
  /** Builds a problem located at `path` in this file. */
  problemAt: (path: DocumentPath, code: ProblemCode, message: string, hint: string) => Problem;
}

type ZodIssue = z.core.$ZodIssue;

/** Every field name the format knows, to suggest a spelling for unknown ones. */
const KNOWN_FIELDS = [
  'id',
  'title',
  'description',
  'audience',
  'modules',
  'skills',
  'badges',
  'fr',
  'en',
  'module',
  'order',
  'prerequisites',
  'activities',
  'kind',
  'durationMinutes',
  'unplugged',
  'url',
  'validation',
  'methods',
  'selfAssessment',
  'levels',
  'level',
  'validityMonths',
  'alignments',
  'framework',
  'frameworkVersion',
  'code',
  'name',
  'criteriaNarrative',
  'criteria',
  'acceptsSelfAssessment',
  'image',
  'color',
  'icon',
  'skill',
  'minLevel',
  'badge',
  'allOf',
  'atLeast',
  'of',
  'profiles',
  'rome',
  'esco',
  'uri',
  'importance',
];

/**
 * Parses one curriculum file.
 *
 * @param text the YAML text.
 * @param file the file's path, used in problems and to check that the id matches the name.
 * @returns the curriculum when valid, every problem found, and a locator for later checks.
 */
export function parseCurriculum(text: string, file: string): ParsedCurriculum {
  const { problems, data, syntaxOk, locate, problemAt } = readYaml(text, file);
  if (!syntaxOk) {
    return { file, curriculum: undefined, problems, data: undefined, locate, problemAt };
  }
  const result = Curriculum.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(describeIssue(issue, problemAt));
    // In-file reference checks still run on the raw data, so one run shows everything.
    problems.push(...checkInFile(data, file, problemAt));
    return { file, curriculum: undefined, problems, data, locate, problemAt };
  }
  problems.push(...checkInFile(result.data, file, problemAt));
  return {
    file,
    curriculum: problems.length === 0 ? result.data : undefined,
    problems,
    data,
    locate,
    problemAt,
  };
}

/** A job-profiles file (`curricula/jobs/*.yaml`), parsed like a curriculum. */
export interface ParsedJobProfiles {
  file: string;
  /** The profiles, when the file is valid on its own (references are checked on the whole set). */
  profiles: JobProfile[] | undefined;
  problems: Problem[];
  data: unknown;
  locate: ParsedCurriculum['locate'];
  problemAt: ParsedCurriculum['problemAt'];
}

/**
 * Parses one job-profiles file: YAML, schema, and ids unique within the file. Whether the
 * skills and badges it names exist is checked with the curricula, in `check-curricula.ts`.
 *
 * @param text the YAML text.
 * @param file the file's path, used in problems.
 */
export function parseJobProfiles(text: string, file: string): ParsedJobProfiles {
  const { problems, data, syntaxOk, locate, problemAt } = readYaml(text, file);
  if (!syntaxOk) return { file, profiles: undefined, problems, data, locate, problemAt };
  const result = JobProfilesFile.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(describeIssue(issue, problemAt));
    return { file, profiles: undefined, problems, data, locate, problemAt };
  }
  const seen = new Map<string, number>();
  result.data.profiles.forEach((profile, index) => {
    const first = seen.get(profile.id);
    if (first === undefined) seen.set(profile.id, index);
    else
      problems.push(
        problemAt(
          ['profiles', index, 'id'],
          'duplicate-id',
          `the id "${profile.id}" is already used by profiles[${first}]`,
          'give each job profile its own id; ids are stable, so rename the newer one',
        ),
      );
    if (profile.skills.length === 0 && profile.badges.length === 0) {
      problems.push(
        problemAt(
          ['profiles', index],
          'invalid-value',
          `the job profile "${profile.id}" names no skill and no badge`,
          'list the skills (skills: [{skill, importance}]) or badges that matter for this job',
        ),
      );
    }
  });
  return {
    file,
    profiles: problems.length === 0 ? result.data.profiles : undefined,
    problems,
    data,
    locate,
    problemAt,
  };
}

/** The YAML of a file with a line locator: syntax problems, or the plain data. */
function readYaml(
  text: string,
  file: string,
): {
  problems: Problem[];
  data: unknown;
  syntaxOk: boolean;
  locate: ParsedCurriculum['locate'];
  problemAt: ParsedCurriculum['problemAt'];
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: DocumentPath) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        // For a map entry, point at its key: that is the line an author looks for.
        const keyNode =
          depth > 0
            ? findKeyNode(doc.getIn(path.slice(0, depth - 1), true), path[depth - 1])
            : undefined;
        return position((keyNode ?? node).range?.[0] ?? 0);
      }
    }
    return { line: 1, column: 1 };
  };
  const problemAt = (
    path: DocumentPath,
    code: ProblemCode,
    message: string,
    hint: string,
  ): Problem => ({
    code,
    file,
    ...locate(path),
    path: formatPath(path),
    message,
    hint,
  });

  const problems: Problem[] = [];
  for (const error of doc.errors) {
    // The YAML library reports its own stack overflow on deep nesting as "Maximum call stack
    // size exceeded": an author needs to hear what to change instead.
    const tooDeep = error.code === 'RESOURCE_EXHAUSTION';
    problems.push({
      code: 'yaml-syntax',
      file,
      ...position(error.pos[0]),
      path: '(document)',
      message: tooDeep ? TOO_DEEP.message : (error.message.split('\n')[0] ?? error.message),
      hint: tooDeep
        ? TOO_DEEP.hint
        : 'fix the YAML syntax: indent with spaces, quote text that contains ": " or starts with a special character',
    });
  }
  if (doc.errors.length > 0) {
    return { problems, data: undefined, syntaxOk: false, locate, problemAt };
  }
  try {
    return { problems, data: doc.toJS() as unknown, syntaxOk: true, locate, problemAt };
  } catch (error) {
    // Aliases are resolved only here: one used before its anchor, or so many that the data
    // would explode (a "billion laughs"), must become a problem, not a crash of the check.
    problems.push({ code: 'yaml-syntax', file, ...aliasProblem(doc, error, position) });
    return { problems, data: undefined, syntaxOk: false, locate, problemAt };
  }
}

const TOO_DEEP = {
  message: 'the document is nested too deeply to be read',
  hint: 'a curriculum needs only a few levels of indentation and brackets: remove the extra ones',
};

/** Where and why turning the document into data failed (in practice: its aliases). */
function aliasProblem(
  doc: Document.Parsed,
  error: unknown,
  position: (offset: number) => { line: number; column: number },
): Pick<Problem, 'line' | 'column' | 'path' | 'message' | 'hint'> {
  const text = error instanceof Error ? error.message : String(error);
  const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(text)?.[1];
  let alias: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (unresolved !== undefined && node.source !== unresolved) return undefined;
      alias = node;
      return visit.BREAK;
    },
  });
  const at = position(alias?.range?.[0] ?? 0);
  if (unresolved !== undefined) {
    return {
      ...at,
      path: '(document)',
      message: `the alias *${unresolved} is used before its anchor &${unresolved} is set`,
      hint: `set the anchor (&${unresolved}) before the alias, or write the content out`,
    };
  }
  if (error instanceof RangeError) return { ...at, path: '(document)', ...TOO_DEEP };
  return {
    ...at,
    path: '(document)',
    message: 'the YAML aliases (*name) expand into too much data',
    hint: 'write the content out instead of repeating anchors (&name) through aliases',
  };
}

function findKeyNode(parent: unknown, key: string | number | undefined): Node | undefined {
  if (!isMap(parent) || key === undefined) return undefined;
  for (const pair of parent.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.key;
  }
  return undefined;
}

type ProblemFactory = ParsedCurriculum['problemAt'];

function describeIssue(issue: ZodIssue, problemAt: ProblemFactory): Problem {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const last = path[path.length - 1];

  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const suggestions = keys
      .map((key) => [key, closestField(key)] as const)
      .filter(([, guess]) => guess !== undefined)
      .map(([key, guess]) => `"${key}" → "${guess}"`);
    return problemAt(
      [...path, keys[0] ?? ''],
      'unknown-field',
      `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`,
      suggestions.length > 0
        ? `check the spelling: ${suggestions.join(', ')}`
        : 'remove it, or see curricula/README.md for the fields allowed here',
    );
  }
  if (
    (last === 'fr' || last === 'en') &&
    (issue.code === 'invalid_type' || issue.code === 'too_small')
  ) {
    const language = last === 'fr' ? 'French' : 'English';
    return problemAt(
      path,
      'missing-text',
      `the ${language} text (${last}) is missing or empty`,
      `write the ${language} text: every text people read needs both fr and en`,
    );
  }
  if (last === 'url' && issue.code !== 'invalid_type') {
    return problemAt(
      path,
      'bad-url',
      `bad address: ${issue.message}`,
      'write a full address that starts with https:// (or http://data.europa.eu/esco/ for ESCO)',
    );
  }
  if (issue.code === 'invalid_union') {
    const best = bestUnionBranch(issue.errors);
    // Issues inside a union branch have paths relative to the union itself.
    if (best) return describeIssue({ ...best, path: [...issue.path, ...best.path] }, problemAt);
    return problemAt(
      path,
      'invalid-value',
      'this criteria rule has none of the allowed forms',
      'write one of: {skill: id, minLevel?: n}, {badge: id}, {allOf: [rules]}, {atLeast: n, of: [rules]}',
    );
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return problemAt(
      path,
      'invalid-value',
      `the field "${String(last)}" is required`,
      `add "${String(last)}" (see curricula/README.md)`,
    );
  }
  return problemAt(
    path,
    'invalid-value',
    issue.message,
    'see curricula/README.md for the values allowed here',
  );
}

/** In a union, the branch that got furthest explains the author's intent best. */
function bestUnionBranch(branches: ZodIssue[][]): ZodIssue | undefined {
  let best: ZodIssue[] | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const issues of branches) {
    if (issues.length === 0) continue;
    const depth = Math.max(...issues.map((i) => i.path.length));
    const score = depth * 100 - issues.length;
    if (score > bestScore) {
      bestScore = score;
      best = issues;
    }
  }
  // An unknown field is the likeliest cause (a typo in "skill"), and its hint says how to fix it.
  return best?.find((issue) => issue.code === 'unrecognized_keys') ?? best?.[0];
}

function closestField(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const field of KNOWN_FIELDS) {
    const distance = editDistance(key.toLowerCase(), field.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = field;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

interface RawEntry {
  id?: unknown;
  module?: unknown;
}

/** Checks that need only this file: the id matches the file name, ids are unique, modules exist. */
function checkInFile(data: unknown, file: string, problemAt: ProblemFactory): Problem[] {
  const problems: Problem[] = [];
  if (typeof data !== 'object' || data === null) return problems;
  const raw = data as { id?: unknown; modules?: unknown; skills?: unknown; badges?: unknown };

  const baseName = file
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.ya?ml$/, '');
  if (typeof raw.id === 'string' && baseName !== undefined && raw.id !== baseName) {
    problems.push(
      problemAt(
        ['id'],
        'file-name-mismatch',
        `the id "${raw.id}" does not match the file name "${baseName}.yaml"`,
        `rename the file to "${raw.id}.yaml" or set id: ${baseName}`,
      ),
    );
  }

  const entries = (key: 'modules' | 'skills' | 'badges'): RawEntry[] =>
    Array.isArray(raw[key]) ? (raw[key] as RawEntry[]) : [];
  const moduleIds = new Set<string>();
  for (const key of ['modules', 'skills', 'badges'] as const) {
    const seen = new Map<string, number>();
    entries(key).forEach((entry, index) => {
      if (typeof entry?.id !== 'string') return;
      const first = seen.get(entry.id);
      if (first !== undefined) {
        problems.push(
          problemAt(
            [key, index, 'id'],
            'duplicate-id',
            `the id "${entry.id}" is already used by ${key}[${first}]`,
            'give each entry its own id; ids are stable, so rename the newer one',
          ),
        );
      } else {
        seen.set(entry.id, index);
      }
      if (key === 'modules') moduleIds.add(entry.id);
    });
  }
  entries('skills').forEach((skill, index) => {
    if (typeof skill?.module === 'string' && !moduleIds.has(skill.module)) {
      problems.push(
        problemAt(
          ['skills', index, 'module'],
          'unknown-module',
          `the module "${skill.module}" is not declared in modules`,
          `add a module with id "${skill.module}" or use one of: ${[...moduleIds].join(', ')}`,
        ),
      );
    }
  });
  return problems;
}
