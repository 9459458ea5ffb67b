/**
 * `npm start`. Until the server lands (issue 4), this loads the whole catalog exactly as the
 * server will at start (every curriculum parsed and cross-checked into one skill graph) and
 * prints what it found, or every problem with its file and line.
 */
import { formatProblem } from '../curricula/problems.ts';
import { checkCurriculaFolder } from './app/check-curricula.ts';

const result = await checkCurriculaFolder();
if (!result.ok) {
  for (const problem of result.problems) console.error(formatProblem(problem));
  console.error(`\nGrange cannot start: ${result.problems.length} problem(s) in the curricula.`);
  process.exitCode = 1;
} else {
  const { curricula, graph, badges } = result.catalog;
  console.log('Grange — catalogue chargé / catalog loaded\n');
  for (const curriculum of curricula) {
    console.log(
      `  ${curriculum.title.fr} (${curriculum.id}): ${curriculum.skills.length} compétences, ${curriculum.badges.length} badges`,
    );
  }
  console.log(
    `\n${graph.size} skills and ${badges.length} badges in one graph. The web platform arrives with the server (issue 4);`,
  );
  console.log(
    'meanwhile: npm run grange -- curricula graph <id> draws a curriculum, npm test runs every test.',
  );
}
