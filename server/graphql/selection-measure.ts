/**
 * One walk for the validation rules that measure an operation's selections (its depth, its
 * aliases): fields are measured from what they select, sibling selections are combined, and
 * fragments count where they are spread. Each fragment's own measure is worked out once per
 * document, so a chain of fragments each spreading the next twice stays linear instead of 2^n;
 * a fragment spreading itself (which `NoFragmentCyclesRule` reports anyway) ends the walk.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionMeasure {
  /** A field's measure, from the measure of its own selection (0 for a leaf). */
  field(field: FieldNode, below: number): number;
  /** The measure of two sibling selections together. */
  combine(a: number, b: number): number;
}

/**
 * @param document the document whose fragments may be spread.
 * @param measure how fields are measured and siblings combined.
 * @returns the measure of a selection set of that document (an operation's, typically).
 */
export function selectionMeasurer(
  document: DocumentNode,
  measure: SelectionMeasure,
): (selectionSet: SelectionSetNode) => number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const measured = new Map<string, number>();
  const visiting = new Set<string>();

  function ofFragment(name: string): number {
    const remembered = measured.get(name);
    if (remembered !== undefined) return remembered;
    const fragment = fragments.get(name);
    if (fragment === undefined || visiting.has(name)) return 0;
    visiting.add(name);
    const value = ofSelections(fragment.selectionSet);
    visiting.delete(name);
    // Inside a cycle the value is cut short; no matter: NoFragmentCyclesRule refuses the document.
    measured.set(name, value);
    return value;
  }

  function ofSelections(selectionSet: SelectionSetNode): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      let value: number;
      switch (selection.kind) {
        case Kind.FIELD:
          value = measure.field(
            selection,
            selection.selectionSet ? ofSelections(selection.selectionSet) : 0,
          );
          break;
        case Kind.INLINE_FRAGMENT:
          value = ofSelections(selection.selectionSet);
          break;
        case Kind.FRAGMENT_SPREAD:
          value = ofFragment(selection.name.value);
          break;
      }
      total = measure.combine(total, value);
    }
    return total;
  }

  return ofSelections;
}
