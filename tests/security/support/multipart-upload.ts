/**
 * GraphQL multipart uploads (the GraphQL multipart request spec) built byte by byte, so a test
 * controls what a browser's FormData would clean up: raw file names with `..`, backslashes,
 * NUL, quotes or line breaks, any declared type, any content.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';

/** The evidence mutation, with every answer the client may get. */
export const SUBMIT_EVIDENCE = `
  mutation Submit($skillId: ID!, $text: String, $file: File) {
    submitEvidence(skillId: $skillId, text: $text, file: $file) {
      __typename
      ... on SubmitEvidenceSuccess { evidence { id kind file { mediaType sizeBytes name url } } }
      ... on EvidenceFileRefused { reason maxBytes }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

/** One file part: its raw name (written as is between quotes) and bytes. */
export interface FilePart {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** @returns the multipart body and its content type for submitEvidence with `file`. */
export function evidenceUpload(
  skillId: string,
  file: FilePart,
): { body: Buffer; contentType: string } {
  const boundary = `----grange-${randomBytes(8).toString('hex')}`;
  const operations = JSON.stringify({ query: SUBMIT_EVIDENCE, variables: { skillId, file: null } });
  const field = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  const body = Buffer.concat([
    field('operations', operations),
    field('map', JSON.stringify({ 0: ['variables.file'] })),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** What submitEvidence answered. */
export interface UploadAnswer {
  status: number;
  result?: {
    __typename: string;
    evidence?: {
      id: string;
      file: { mediaType: string; sizeBytes: number; name: string | null; url: string } | null;
    };
    reason?: string;
    maxBytes?: number;
    code?: string;
    message?: { fr: string; en: string };
  };
  error?: { code?: string; message?: unknown };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Posts an upload to `/graphql` as the holder of `token`. */
export async function postUpload(
  base: string,
  token: string | undefined,
  skillId: string,
  file: FilePart,
): Promise<UploadAnswer> {
  const { body, contentType } = evidenceUpload(skillId, file);
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'graphql-preflight': '1',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: new Uint8Array(body),
  });
  const answer = (await response.json()) as {
    data?: { submitEvidence?: UploadAnswer['result'] } | null;
    errors?: UploadAnswer['errors'];
    error?: UploadAnswer['error'];
  };
  return {
    status: response.status,
    ...(answer.data?.submitEvidence === undefined ? {} : { result: answer.data.submitEvidence }),
    ...(answer.errors === undefined ? {} : { errors: answer.errors }),
    ...(answer.error === undefined ? {} : { error: answer.error }),
  };
}

/**
 * Starts an upload declaring its full length, sends `sentBytes` of it, then cuts the
 * connection, as a phone losing its network would.
 */
export async function abandonUpload(
  base: string,
  token: string,
  skillId: string,
  file: FilePart,
  sentBytes: number,
): Promise<void> {
  const { body, contentType } = evidenceUpload(skillId, file);
  const { port } = new URL(base);
  await new Promise<void>((resolve) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/graphql',
      headers: {
        'content-type': contentType,
        'content-length': String(body.length),
        'graphql-preflight': '1',
        authorization: `Bearer ${token}`,
      },
    });
    request.on('error', () => resolve());
    request.on('response', (response) => {
      response.resume();
      resolve();
    });
    request.write(body.subarray(0, sentBytes), () => {
      // Give the server a moment to start reading, then drop the connection.
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 200);
    });
  });
}
