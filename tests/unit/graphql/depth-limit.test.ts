import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule } from '../../../server/graphql/depth-limit.ts';

const schema = buildSchema(`
  type Node { id: ID!, child: Node, children: [Node!]! }
  type Query { root: Node }
`);

function errors(source: string, maxDepth: number): string[] {
  return validate(schema, parse(source), [depthLimitRule(maxDepth)]).map((e) => e.message);
}

describe('depthLimitRule', () => {
  it('counts fields, not inline fragments, and allows exactly the limit', () => {
    expect(errors('{ root { child { ... on Node { id } } } }', 3)).toEqual([]);
    expect(errors('query Deep { root { child { child { id } } } }', 3)).toEqual([
      'The operation "Deep" is nested 4 levels deep; at most 3 are allowed.',
    ]);
  });

  it('follows fragment spreads where they are used', () => {
    const source = `
      query Q { root { ...Two } }
      fragment Two on Node { child { ...One } }
      fragment One on Node { children { id } }`;
    expect(errors(source, 4)).toEqual([]);
    expect(errors(source, 3)).toHaveLength(1);
  });

  it('stops on a fragment that spreads itself instead of looping', () => {
    const source = 'query Q { root { ...Loop } } fragment Loop on Node { child { ...Loop } }';
    expect(errors(source, 10)).toEqual([]);
  });
});
