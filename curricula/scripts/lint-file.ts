/** Checks one curriculum file on its own (schema and in-file rules): `tsx curricula/scripts/lint-file.ts <file>`. */
import { readFileSync } from 'node:fs';
import { parseCurriculum } from '../parse.ts';
import { formatProblem, sortProblems } from '../problems.ts';

const files = process.argv.slice(2);
let failed = false;
for (const file of files) {
  const parsed = parseCurriculum(readFileSync(file, 'utf8'), file);
  for (const problem of sortProblems(parsed.problems)) console.log(formatProblem(problem));
  if (parsed.curriculum) {
    const c = parsed.curriculum;
    console.log(
      `${file}: ok, ${c.skills.length} skills, ${c.badges.length} badges, ${c.modules.length} modules`,
    );
  } else {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
