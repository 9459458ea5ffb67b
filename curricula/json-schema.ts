/**
 * The JSON Schema of the curriculum format, generated from the zod schemas so the two never
 * drift apart. Editors use the written file (`curriculum.schema.json`) to complete and check YAML.
 */
import { z } from 'zod';
import { Curriculum, JobProfilesFile } from './schema.ts';

/** @returns the JSON Schema text, exactly as written to `curriculum.schema.json`. */
export function curriculumJsonSchemaText(): string {
  const schema = z.toJSONSchema(Curriculum, {
    io: 'input',
    target: 'draft-2020-12',
    reused: 'ref',
  });
  return `${JSON.stringify(
    {
      ...schema,
      $id: 'https://grange-numerique.fr/schemas/curriculum.schema.json',
      title: 'Grange curriculum',
      description:
        'One curriculum of Grange: skills, prerequisites, activities, alignments and badges.',
    },
    null,
    2,
  )}\n`;
}

/** @returns the JSON Schema of job-profiles files, exactly as written to `job-profiles.schema.json`. */
export function jobProfilesJsonSchemaText(): string {
  const schema = z.toJSONSchema(JobProfilesFile, {
    io: 'input',
    target: 'draft-2020-12',
    reused: 'ref',
  });
  return `${JSON.stringify(
    {
      ...schema,
      $id: 'https://grange-numerique.fr/schemas/job-profiles.schema.json',
      title: 'Grange job profiles',
      description:
        'The job profiles of the employment pathway: ROME and ESCO codes, and the skills and badges that matter.',
    },
    null,
    2,
  )}\n`;
}
