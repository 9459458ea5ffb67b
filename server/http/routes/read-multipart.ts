/**
 * Reads a small multipart/form-data body (the verification form): text fields and at most one
 * file, kept in memory up to a size limit. busboy does the parsing; this only collects.
 */
import busboy from 'busboy';
import type { Request } from 'express';

export interface MultipartForm {
  fields: Map<string, string>;
  /** The first file sent with content, if any. */
  file?: Buffer;
  /** True when a file or field went over the limit (and was cut). */
  tooLarge: boolean;
}

/**
 * @param request an express request whose body has not been read.
 * @param maxFileBytes the largest file accepted.
 * @returns the fields and the file.
 */
export function readMultipart(request: Request, maxFileBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 8192 },
      });
    } catch (error) {
      reject(Object.assign(new Error('malformed multipart body'), { status: 400, cause: error }));
      return;
    }
    const form: MultipartForm = { fields: new Map(), tooLarge: false };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) form.tooLarge = true;
      form.fields.set(name, value);
    });
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        form.tooLarge = true;
      });
      stream.on('close', () => {
        const file = Buffer.concat(chunks);
        if (file.length > 0 && form.file === undefined) form.file = file;
      });
    });
    parser.on('error', (error: unknown) =>
      reject(Object.assign(new Error('malformed multipart body'), { status: 400, cause: error })),
    );
    parser.on('close', () => resolve(form));
    request.pipe(parser);
  });
}
