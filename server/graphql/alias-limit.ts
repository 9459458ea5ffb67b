/**
 * A validation rule capping the aliases of an operation. Without aliases, a field named twice
 * in one selection runs once (the two merge); aliases are how one request runs the same costly
 * resolver hundreds of times (`a1: myDataExport a2: myDataExport …`, three tokens each), which
 * the cost limit, counting a scalar as 1, would let through. The web client uses no alias at
 * all, so a low cap costs it nothing. Fragments count where they are spread, each worked out
 * once per document (`selection-measure.ts`), so a chain of fragments stays cheap.
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { selectionMeasurer } from './selection-measure.ts';

/** Aliases allowed per operation by default (the web client sends none). */
export const DEFAULT_MAX_ALIASES = 15;

/**
 * Counts stop growing here: a fragment chain can describe astronomically many aliases, and
 * past any real limit the exact number says nothing more.
 */
const CAP = 1_000_000;

/**
 * @param maxAliases the most aliased fields an operation may hold, fragments included.
 * @returns the validation rule.
 */
export function aliasLimitRule(maxAliases: number = DEFAULT_MAX_ALIASES) {
  return (context: ValidationContext): ASTVisitor => {
    const aliasesOf = selectionMeasurer(context.getDocument(), {
      field: (field, below) => Math.min(CAP, (field.alias === undefined ? 0 : 1) + below),
      combine: (a, b) => Math.min(CAP, a + b),
    });
    return {
      OperationDefinition(operation) {
        const aliases = aliasesOf(operation.selectionSet);
        if (aliases <= maxAliases) return;
        const name = operation.name?.value ?? 'anonymous';
        const counts = aliases >= CAP ? `more than ${maxAliases}` : String(aliases);
        const comptes = aliases >= CAP ? `plus de ${maxAliases}` : String(aliases);
        context.reportError(
          createGraphQLError(
            `The operation "${name}" has ${counts} aliases; at most ${maxAliases} are allowed. Ask for each field once.`,
            {
              nodes: [operation],
              extensions: {
                code: 'too-many-aliases',
                http: { status: 400 },
                messages: {
                  fr: `La requête « ${name} » contient ${comptes} alias ; ${maxAliases} au plus sont permis. Demandez chaque champ une seule fois.`,
                  en: `The operation "${name}" has ${counts} aliases; at most ${maxAliases} are allowed. Ask for each field once.`,
                },
              },
            },
          ),
        );
      },
    };
  };
}
