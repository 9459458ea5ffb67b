/** Writes `curricula/curriculum.schema.json` from the zod schemas (`npm run curricula:schema`). */
import { writeFileSync } from 'node:fs';
import { curriculumJsonSchemaText } from '../json-schema.ts';

const target = new URL('../curriculum.schema.json', import.meta.url);
writeFileSync(target, curriculumJsonSchemaText());
console.log(`wrote ${target.pathname}`);
