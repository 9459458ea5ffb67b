import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curriculumJsonSchemaText } from '../../../curricula/json-schema.ts';

describe('curriculum.schema.json', () => {
  it('is the one generated from the zod schemas (run "npm run curricula:schema" after changing them)', () => {
    const committed = readFileSync(
      new URL('../../../curricula/curriculum.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(curriculumJsonSchemaText());
  });

  it('rejects unknown fields and requires both languages, like the parser', () => {
    const schema = JSON.parse(curriculumJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"required":["fr","en"]');
  });
});
