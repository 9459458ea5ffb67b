/**
 * A problem found in a curriculum file, located precisely enough for an author to fix it
 * without reading code: which file, which line, what is wrong, and what to do.
 */
export type ProblemCode =
  | 'yaml-syntax'
  | 'unknown-field'
  | 'missing-text'
  | 'bad-url'
  | 'invalid-value'
  | 'duplicate-id'
  | 'unknown-module'
  | 'unknown-prerequisite'
  | 'cycle'
  | 'unknown-criteria-reference'
  | 'unknown-job-reference'
  | 'level-out-of-range'
  | 'file-name-mismatch'
  | 'no-curricula';

export interface Problem {
  code: ProblemCode;
  /** Path of the file as given to the parser (relative paths read best). */
  file: string;
  /** 1-based line and column of the offending value (or of its nearest existing parent). */
  line: number;
  column: number;
  /** Where in the document, as a dotted path: `skills[3].prerequisites[0]`. */
  path: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export type DocumentPath = ReadonlyArray<string | number>;

/** `['skills', 3, 'title', 'fr']` → `skills[3].title.fr`. */
export function formatPath(path: DocumentPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(document)' : out;
}

/** `curricula/bafa.yaml:12:5 unknown-field: …\n    → hint`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.code} at ${problem.path}: ${problem.message}\n    → ${problem.hint}`;
}

/** Sorts problems by file, then line, so reports read top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
