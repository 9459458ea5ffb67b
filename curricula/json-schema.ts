/**
 * The JSON Schema of the curriculum format, generated from the zod schemas so the two never
 * drift apart. Editors use the written file (`curriculum.schema.json`) to complete and check YAML.
 */
import { z } from 'zod';
import { Curriculum } from './schema.ts';

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
