/**
 * A validation rule refusing operations nested deeper than a limit, so a client cannot make
 * the server walk, say, skill → curriculum → skills → … a thousand levels down. Fragments are
 * followed (each spread counted where it is used), and a fragment that spreads itself (which
 * `NoFragmentCyclesRule` reports anyway) stops the walk instead of looping. A fragment's own
 * depth is measured once per document: a chain of fragments each spreading the next twice
 * would otherwise cost 2^n steps, a few hundred tokens keeping a core busy for hours.
 */
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/** The depth allowed by default: the deepest query the client needs is about 5. */
export const DEFAULT_MAX_DEPTH = 10;

/**
 * @param maxDepth the deepest field nesting allowed (a top-level field has depth 1).
 * @returns the validation rule.
 */
export function depthLimitRule(maxDepth: number = DEFAULT_MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    const measured = new Map<string, number>();
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, { fragments, measured }, new Set());
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

/** The document's fragments, and the depth of each one already measured. */
interface FragmentDepths {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  measured: Map<string, number>;
}

function selectionDepth(
  selectionSet: SelectionSetNode,
  known: FragmentDepths,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const below = selection.selectionSet
          ? selectionDepth(selection.selectionSet, known, visiting)
          : 0;
        deepest = Math.max(deepest, 1 + below);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        deepest = Math.max(deepest, selectionDepth(selection.selectionSet, known, visiting));
        break;
      case Kind.FRAGMENT_SPREAD:
        deepest = Math.max(deepest, fragmentDepth(selection.name.value, known, visiting));
        break;
    }
  }
  return deepest;
}

/** The depth of a named fragment's selection, measured on first use and remembered. */
function fragmentDepth(name: string, known: FragmentDepths, visiting: Set<string>): number {
  const remembered = known.measured.get(name);
  if (remembered !== undefined) return remembered;
  const fragment = known.fragments.get(name);
  if (fragment === undefined || visiting.has(name)) return 0;
  visiting.add(name);
  const depth = selectionDepth(fragment.selectionSet, known, visiting);
  visiting.delete(name);
  // Inside a cycle the value is cut short; no matter: NoFragmentCyclesRule refuses the document.
  known.measured.set(name, depth);
  return depth;
}
