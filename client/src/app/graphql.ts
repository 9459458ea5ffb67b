/**
 * GraphQL over plain `fetch`, with types written by hand next to each page's operations (the
 * printed `schema.graphql` is the contract; no code generation, no client cache).
 *
 *   const MyBadges = gql<{ myBadges: Award[] }>(`query MyBadges { myBadges { id } }`);
 *   const data = await graphql(MyBadges, {});
 */

/** A text shown to people, in French and English (the API's `LocalizedText`). */
export interface LocalizedText {
  fr: string;
  en: string;
}

/** A GraphQL document with the types of its result and of its variables. */
export interface Operation<TData, TVariables> {
  readonly source: string;
  /** Never set: it only carries the types. */
  readonly types?: { data: TData; variables: TVariables };
}

/** Variables of an operation that takes none. */
export type NoVariables = Record<string, never>;

/**
 * @param source the GraphQL document.
 * @returns the operation, typed with what the caller declares the server answers.
 */
export function gql<TData, TVariables = NoVariables>(source: string): Operation<TData, TVariables> {
  return { source };
}

/** A request the server refused or could not run, with its message in both languages. */
export class GraphqlError extends Error {
  constructor(
    readonly code: string,
    readonly messages: LocalizedText | undefined,
    readonly status: number,
  ) {
    super(messages?.en ?? code);
    this.name = 'GraphqlError';
  }
}

/** What sends a request: `fetch`, or the session's fetch that adds the access token. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

interface GraphqlResponse<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: { code?: string; messages?: LocalizedText } }>;
}

/**
 * Runs an operation. Expected failures of mutations come back as union members in `data`
 * (check `__typename`); only transport and authorisation problems throw.
 *
 * @param fetcher how to send the request (with or without the access token).
 * @param operation the typed document.
 * @param variables its variables; a `File` or `Blob` value is sent as a multipart upload.
 * @returns the `data` of the answer.
 * @throws GraphqlError when the answer has errors or no data.
 */
export async function runOperation<TData, TVariables>(
  fetcher: Fetcher,
  operation: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const response = await fetcher('/graphql', requestInit(operation.source, variables));
  let body: GraphqlResponse<TData>;
  try {
    body = (await response.json()) as GraphqlResponse<TData>;
  } catch {
    throw new GraphqlError('bad-response', undefined, response.status);
  }
  const first = body.errors?.[0];
  if (first !== undefined || body.data === undefined || body.data === null) {
    throw new GraphqlError(
      first?.extensions?.code ?? 'unexpected',
      first?.extensions?.messages,
      response.status,
    );
  }
  return body.data;
}

/**
 * A JSON POST, or a multipart request (GraphQL multipart request spec) when a variable is a
 * file: the file parts replace `null`s that the `map` part points at.
 */
function requestInit(query: string, variables: unknown): RequestInit {
  const files: Array<[string, Blob]> = [];
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries((variables ?? {}) as Record<string, unknown>)) {
    if (value instanceof Blob) {
      files.push([name, value]);
      plain[name] = null;
    } else {
      plain[name] = value;
    }
  }
  if (files.length === 0) {
    return {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: plain }),
    };
  }
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: plain }));
  form.append(
    'map',
    JSON.stringify(
      Object.fromEntries(files.map(([name], i) => [String(i), [`variables.${name}`]])),
    ),
  );
  files.forEach(([, file], i) => {
    form.append(String(i), file);
  });
  // No content-type header: the browser writes the multipart boundary itself. Yoga's CSRF
  // protection asks non-JSON requests to carry a header a plain HTML form cannot send.
  return {
    method: 'POST',
    headers: { accept: 'application/json', 'graphql-preflight': '1' },
    body: form,
  };
}
