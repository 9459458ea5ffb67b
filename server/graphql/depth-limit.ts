/**
 * A validation rule refusing operations nested deeper than a limit, so a client cannot make
 * the server walk, say, skill → curriculum → skills → … a thousand levels down. Fragments are
 * followed where they are spread, each measured once per document (`selection-measure.ts`): a
 * chain of fragments each spreading the next twice would otherwise cost 2^n steps, a few
 * hundred tokens keeping a core busy for hours.
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { selectionMeasurer } from './selection-measure.ts';

/** The depth allowed by default: the deepest query the client needs is about 5. */
export const DEFAULT_MAX_DEPTH = 10;

/**
 * @param maxDepth the deepest field nesting allowed (a top-level field has depth 1).
 * @returns the validation rule.
 */
export function depthLimitRule(maxDepth: number = DEFAULT_MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = selectionMeasurer(context.getDocument(), {
      field: (_field, below) => 1 + below,
      combine: Math.max,
    });
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          const name = operation.name?.value ?? 'anonymous';
          context.reportError(
            createGraphQLError(
              `The operation "${name}" is nested ${depth} levels deep; at most ${maxDepth} are allowed.`,
              {
                nodes: [operation],
                extensions: {
                  code: 'query-too-deep',
                  messages: {
                    fr: `La requête « ${name} » est imbriquée sur ${depth} niveaux ; ${maxDepth} au plus sont permis.`,
                    en: `The operation "${name}" is nested ${depth} levels deep; at most ${maxDepth} are allowed.`,
                  },
                },
              },
            ),
          );
        }
      },
    };
  };
}
