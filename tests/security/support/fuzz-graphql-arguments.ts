/**
 * Arguments for any root field, derived from the GraphQL schema itself: each input type gets a
 * fast-check arbitrary (strings plausible or hostile — huge, unicode, control characters —,
 * integers in and out of range, enums valid and not, lists empty, long or given as one value,
 * nulls, missing and unknown fields). A field added to the schema is fuzzed without a change
 * here. Mostly well-typed values, so most calls reach the resolvers; some ill-typed ones, which
 * GraphQL itself must refuse cleanly.
 */
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  // The CommonJS build, the one Pothos and yoga load (see server/graphql/print-schema.ts): the
  // type predicates refuse types made by the other build.
} from 'graphql/index.js';

/** Ids and words of the world, so that generated values can name things that exist. */
export interface ValuePools {
  /** Ids by what they name: `person`, `group`, `session`, `skill`, `badge`… */
  ids: Readonly<Record<string, readonly string[]>>;
  words: readonly string[];
}

/**
 * What an id argument names, from its name (`learnerId`, `awardIds`, `skillId`…): the naming
 * convention of the schema, so a new argument named the usual way gets the right ids.
 */
const ID_KINDS: [RegExp, string][] = [
  [/^(learner|person|counsellor|trainer|people)Ids?$/i, 'person'],
  [/^groupIds?$/i, 'group'],
  [/^sessionIds?$/i, 'session'],
  [/^awardIds?$/i, 'award'],
  [/^(skill|targetSkill)s?(Id|Ids)?$/i, 'skill'],
  [/^badgeIds?$/i, 'badge'],
  [/^curriculumIds?$/i, 'curriculum'],
  [/^jobIds?$/i, 'job'],
  [/^milestoneIds?$/i, 'milestone'],
];

function idsFor(name: string, pools: ValuePools): fc.Arbitrary<string> {
  const all = Object.values(pools.ids).flat();
  const kind = ID_KINDS.find(([pattern]) => pattern.test(name))?.[1];
  const named = kind === undefined ? [] : (pools.ids[kind] ?? []);
  if (named.length === 0) return fc.constantFrom(...all);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...named), weight: 3 },
    { arbitrary: fc.constantFrom(...all), weight: 1 },
  );
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[31m',
  "' OR 1=1 --",
  '"; DROP TABLE people; --',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '\u202egnp.exe',
  '𝕲𝖗𝖆𝖓𝖌𝖊 🐄',
  'e\u0301te\u0301',
  '\ud800',
  '__proto__',
  'NaN',
  '-1',
  '9'.repeat(40),
];

const shortHostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

/** With huge strings too, that still fit in the 256 kB body the server reads. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  shortHostileString,
  fc.integer({ min: 5_000, max: 60_000 }).map((n) => 'à'.repeat(n)),
);

/** Values of the wrong type for whatever is asked. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, 1.5, -2_147_483_649, [], {}, [null], { id: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function plausibleString(name: string, pools: ValuePools): fc.Arbitrary<string> {
  const word = fc.constantFrom(
    'Atelier du mardi',
    'Très bien, bravo',
    'Encore un essai',
    'Lucie',
    'rappel',
    ...pools.words,
  );
  if (/(At|On|Date|date|day|Day)$/.test(name)) {
    const instant = fc.date({
      min: new Date('2025-06-01T00:00:00Z'),
      max: new Date('2027-06-01T00:00:00Z'),
      noInvalidDate: true,
    });
    return fc.oneof(
      instant.map((date) => date.toISOString()),
      instant.map((date) => date.toISOString().slice(0, 10)),
      fc.constantFrom('2026-02-30', '2026-13-01', 'demain', '2026-03-02T10:00:00'),
    );
  }
  if (/email/i.test(name)) return fc.oneof(fc.emailAddress(), word);
  if (/csv/i.test(name)) {
    return fc
      .array(fc.oneof(fc.emailAddress(), word, idsFor(name, pools)), {
        maxLength: 4,
      })
      .chain((rows) =>
        fc.constantFrom(
          `email\n${rows.join('\n')}\n`,
          `code;email\n${rows.map((r) => `x;${r}`).join('\n')}`,
          rows.join(','),
        ),
      );
  }
  if (/locale/i.test(name)) return fc.constantFrom('fr', 'en', 'de', 'FR', '');
  if (/url/i.test(name)) {
    return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'http://127.0.0.1:1/'));
  }
  return fc.oneof(word, fc.string({ maxLength: 30 }), fc.lorem({ maxCount: 8 }));
}

function scalarValue(
  typeName: string,
  name: string,
  pools: ValuePools,
  small: boolean,
): fc.Arbitrary<unknown> {
  const hostile = small ? shortHostileString : hostileString;
  const ids = fc.oneof(
    { arbitrary: idsFor(name, pools), weight: 7 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: hostile, weight: 1 },
  );
  switch (typeName) {
    case 'ID':
      return ids;
    case 'String':
      return fc.oneof(
        { arbitrary: plausibleString(name, pools), weight: 5 },
        { arbitrary: ids, weight: 1 },
        { arbitrary: hostile, weight: 2 },
      );
    case 'Int':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -2, max: 10 }), weight: 6 },
        {
          arbitrary: fc.constantFrom(0, 366, 1_000, 2_147_483_647, -2_147_483_648),
          weight: 2,
        },
        { arbitrary: fc.integer(), weight: 1 },
      );
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'File':
      // A JSON body cannot carry a file (the multipart form is the uploads suite's subject).
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * `small`: no huge strings (inside long lists, to stay under the body limit); `typed`: only
 * well-typed values (arguments that pass GraphQL's own checks and reach the resolver).
 */
interface Options {
  small: boolean;
  typed: boolean;
}

/** Values of the wrong shape for a type: what GraphQL's own coercion must refuse cleanly. */
function invalidValue(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  const wrong: fc.Arbitrary<unknown>[] = [wrongType];
  if (isEnumType(named)) wrong.push(fc.constantFrom('INCONNU', 'admin', ''));
  if (named.name === 'Int') wrong.push(fc.constantFrom(2_147_483_648, 1e20, 1.5, '3'));
  if (isInputObjectType(named)) wrong.push(fc.constant({ champInconnu: 1 }));
  return fc.oneof(...wrong);
}

/**
 * @param type an input type of the schema.
 * @param name the argument or field name (it hints what a plausible string looks like).
 * @param pools ids and words of the world.
 * @returns an arbitrary of values for it: mostly well-typed, sometimes not.
 */
export function inputValue(
  type: GraphQLInputType,
  name: string,
  pools: ValuePools,
  options: Options = { small: false, typed: false },
): fc.Arbitrary<unknown> {
  if (options.typed) return typedValue(type, name, pools, options);
  return fc.oneof(
    { arbitrary: typedValue(type, name, pools, options), weight: 14 },
    { arbitrary: invalidValue(type), weight: 1 },
  );
}

function typedValue(
  type: GraphQLInputType,
  name: string,
  pools: ValuePools,
  options: Options,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedValue(type.ofType, name, pools, options);
  if (isListType(type)) {
    const item = inputValue(type.ofType, name, pools, options);
    const shortItem = inputValue(type.ofType, name, pools, { ...options, small: true });
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 4 }), weight: 8 },
      // GraphQL coerces one value to a list of one.
      { arbitrary: item, weight: 1 },
      // Longer than any limit a use case sets (200 awards, 5 jobs…), of short values.
      { arbitrary: fc.array(shortItem, { minLength: 201, maxLength: 260 }), weight: 1 },
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) {
      const value = inputValue(field.type, field.name, pools, options);
      model[field.name] = isNonNullType(field.type) ? value : fc.oneof(value, fc.constant(null));
    }
    const required = fields
      .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
      .map((field) => field.name);
    return fc.record(model, { requiredKeys: required });
  }
  return scalarValue(type.name, name, pools, options.small);
}

/**
 * @param field a root query or mutation.
 * @param pools ids and words of the world.
 * @param typed only well-typed values, every required argument present.
 * @returns its arguments as GraphQL variables: required ones present (nearly always), optional
 *   ones present, null or absent.
 */
export function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  pools: ValuePools,
  typed = false,
): fc.Arbitrary<Record<string, unknown>> {
  const options = { small: false, typed };
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const arg of field.args) {
    const isRequired = isNonNullType(arg.type) && arg.defaultValue === undefined;
    model[arg.name] = isRequired
      ? inputValue(arg.type, arg.name, pools, options)
      : fc.oneof(inputValue(arg.type, arg.name, pools, options), fc.constant(null));
    if (isRequired) required.push(arg.name);
  }
  const all = fc.record(model, { requiredKeys: required });
  if (required.length === 0 || typed) return all;
  // Now and then a required argument is left out: a validation error, not a crash.
  return fc.oneof(
    { arbitrary: all, weight: 19 },
    {
      arbitrary: fc
        .tuple(all, fc.constantFrom(...required))
        .map(([args, left]) =>
          Object.fromEntries(Object.entries(args).filter(([k]) => k !== left)),
        ),
      weight: 1,
    },
  );
}
/** The object types a field's result may be. */
function possibleObjects(schema: GraphQLSchema, named: GraphQLNamedType) {
  if (isObjectType(named)) return [named];
  if (isUnionType(named)) return [...named.getTypes()];
  if (isInterfaceType(named)) return [...schema.getPossibleTypes(named)];
  return [];
}

/**
 * A selection for a field's result: its type name, every leaf field of each type it may be
 * (so their resolvers run too), and the code and message of a typed refusal.
 */
export function selectionOf(schema: GraphQLSchema, type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const parts = ['__typename'];
  for (const object of possibleObjects(schema, named)) {
    const leaves = Object.values(object.getFields())
      .filter((f) => isLeafType(getNamedType(f.type)))
      .filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined))
      // Aliased per type: two members of a union may type the same field name differently.
      .map((f) => `${object.name}_${f.name}: ${f.name}`);
    if (leaves.length > 0) parts.push(`... on ${object.name} { ${leaves.join(' ')} }`);
  }
  const localized = schema.getType('LocalizedError');
  if (localized && possibleObjects(schema, named).some((o) => isErrorType(schema, o.name))) {
    parts.push('... on LocalizedError { code message { fr en } }');
  }
  return ` { ${parts.join(' ')} }`;
}

/** Whether a result type is a typed refusal (it implements `LocalizedError`). */
export function isErrorType(schema: GraphQLSchema, typeName: string): boolean {
  const type = schema.getType(typeName);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'LocalizedError');
}

/** One operation calling `field` with the given variables (typed from the schema). */
export function operationOf(
  schema: GraphQLSchema,
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
): string {
  const used = field.args.filter((arg) => arg.name in variables);
  const definitions = used.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind} Fuzz${definitions === '' ? '' : `(${definitions})`} { ${field.name}${
    passed === '' ? '' : `(${passed})`
  }${selectionOf(schema, field.type)} }`;
}
