/**
 * Loads what a page shows, once per change of its variables: `{ data, error, loading, reload }`.
 * No cache: each page asks the server for what it needs when it opens. After a change of
 * variables (another skill, another curriculum) the previous answer is not shown as the new one.
 */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from './auth/auth-context.tsx';
import type { Operation } from './graphql.ts';

export interface QueryState<TData> {
  /** The answer for the current variables (kept while a `reload` runs). */
  data: TData | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Asks again (after a change the page made). */
  reload(): void;
}

interface Answer<TData> {
  key: string;
  data?: TData;
  error?: Error;
}

/**
 * @param operation the typed query.
 * @param variables its variables (compared by value).
 */
export function useQuery<TData, TVariables>(
  operation: Operation<TData, TVariables>,
  variables: TVariables,
): QueryState<TData> {
  const { graphql } = useAuth();
  const key = JSON.stringify(variables);
  const [answer, setAnswer] = useState<Answer<TData> | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `variables`; `round` asks again.
  useEffect(() => {
    let current = true;
    setLoading(true);
    graphql(operation, JSON.parse(key) as TVariables).then(
      (data) => {
        if (!current) return;
        setAnswer({ key, data });
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setAnswer({ key, error: error instanceof Error ? error : new Error(String(error)) });
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [graphql, operation, key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const mine = answer?.key === key ? answer : undefined;
  return { data: mine?.data, error: mine?.error, loading: loading || mine === undefined, reload };
}
