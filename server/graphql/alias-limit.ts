/**
 * A validation rule capping the aliases of an operation. Without aliases, a field named twice
 * in one selection runs once (the two merge); aliases are how one request runs the same costly
 * resolver hundreds of times (`a1: myDataExport a2: myDataExport …`, three tokens each), which
 * the cost limit, counting a scalar as 1, would let through. The web client uses no alias at
 * all, so a low cap costs it nothing. Fragments count where they are spread; each fragment's
 * own count is worked out once, so a chain of fragments spreading each other stays cheap.
 */
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/** Aliases allowed per operation by default (the web client sends none). */
export const DEFAULT_MAX_ALIASES = 15;

/**
 * @param maxAliases the most aliased fields an operation may hold, fragments included.
 * @returns the validation rule.
 */
export function aliasLimitRule(maxAliases: number = DEFAULT_MAX_ALIASES) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    const counted = new Map<string, number>();
    const known: FragmentAliases = { fragments, counted };
    return {
      OperationDefinition(operation) {
        const aliases = aliasCount(operation.selectionSet, known, new Set());
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

/**
 * Counts stop growing here: a fragment chain can describe astronomically many aliases, and
 * past any real limit the exact number says nothing more.
 */
const CAP = 1_000_000;

/** The document's fragments, and the aliases each one holds once counted. */
interface FragmentAliases {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  counted: Map<string, number>;
}

function aliasCount(
  selectionSet: SelectionSetNode,
  known: FragmentAliases,
  visiting: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (selection.alias !== undefined) total += 1;
        if (selection.selectionSet) total += aliasCount(selection.selectionSet, known, visiting);
        break;
      case Kind.INLINE_FRAGMENT:
        total += aliasCount(selection.selectionSet, known, visiting);
        break;
      case Kind.FRAGMENT_SPREAD:
        total += fragmentAliases(selection.name.value, known, visiting);
        break;
    }
    if (total >= CAP) return CAP;
  }
  return total;
}

/** The aliases of a named fragment, counted on first use and remembered. */
function fragmentAliases(name: string, known: FragmentAliases, visiting: Set<string>): number {
  const remembered = known.counted.get(name);
  if (remembered !== undefined) return remembered;
  const fragment = known.fragments.get(name);
  if (fragment === undefined || visiting.has(name)) return 0;
  visiting.add(name);
  const count = aliasCount(fragment.selectionSet, known, visiting);
  visiting.delete(name);
  // Inside a cycle the count is cut short; no matter: NoFragmentCyclesRule refuses the document.
  known.counted.set(name, count);
  return count;
}
