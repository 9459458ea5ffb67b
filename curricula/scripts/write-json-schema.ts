/** Writes the JSON Schemas of `curricula/` from the zod schemas (`npm run curricula:schema`). */
import { writeFileSync } from 'node:fs';
import { curriculumJsonSchemaText, jobProfilesJsonSchemaText } from '../json-schema.ts';

for (const [name, text] of [
  ['curriculum.schema.json', curriculumJsonSchemaText()],
  ['job-profiles.schema.json', jobProfilesJsonSchemaText()],
] as const) {
  const target = new URL(`../${name}`, import.meta.url);
  writeFileSync(target, text);
  console.log(`wrote ${target.pathname}`);
}
