/**
 * `GET /evidence-files/<id>?exp=…&sig=…`: the bytes of an evidence file, for whoever holds a
 * link signed by `Evidence.file.url` (no session: an `<img>` tag sends no Bearer header). The
 * answer is built so the file can do no harm in a browser: the type sniffed at upload with
 * `nosniff`, a sandboxing CSP, images inline and PDFs as downloads under a clean name.
 * An expired or forged link gets 403, an unknown id (with a valid link) 404.
 */
import { type Request, type Response, Router } from 'express';
import { EvidenceLinkRefused, UnknownEvidence } from '../../app/evidence-files/errors.ts';
import type { EvidenceFileStore } from '../../app/evidence-files/evidence-file-store.ts';
import { contentDisposition, downloadName } from '../../app/evidence-files/file-name.ts';
import { openEvidenceFile } from '../../app/evidence-files/open-evidence-file.ts';
import { EVIDENCE_FILES_PATH } from '../../app/evidence-files/signed-link.ts';
import { isInlineImage } from '../../app/evidence-files/sniff-media-type.ts';
import type { Database } from '../../db/connection.ts';
import { HttpError } from '../errors.ts';

export interface EvidenceFilesRouteDeps {
  db: Database;
  store: EvidenceFileStore;
  /** The access-token secret, which the links are signed with (through a derived key). */
  jwtSecret: string;
  clock: () => Date;
}

/** @returns the router, to mount at the site's root. */
export function createEvidenceFilesRouter(deps: EvidenceFilesRouteDeps): Router {
  const router = Router();
  router.get(`${EVIDENCE_FILES_PATH}/:id`, async (request: Request, response: Response) => {
    // On every answer, errors included: nothing here is ever interpreted as a page.
    response.set({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    const evidenceId = String(request.params.id);
    let file: Awaited<ReturnType<typeof openEvidenceFile>>;
    try {
      file = await openEvidenceFile(deps, {
        evidenceId,
        expires: request.query.exp,
        signature: request.query.sig,
      });
    } catch (error) {
      if (error instanceof EvidenceLinkRefused) {
        throw new HttpError(403, { code: error.code, message: error.messages });
      }
      if (error instanceof UnknownEvidence) {
        throw new HttpError(404, { code: error.code, message: error.messages });
      }
      throw error;
    }
    const inline = isInlineImage(file.mediaType);
    response.set({
      'Content-Type': file.mediaType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': contentDisposition(
        inline ? 'inline' : 'attachment',
        downloadName(file.name, file.mediaType),
      ),
      'Cache-Control': 'private, max-age=600',
    });
    response.status(200).end(file.bytes);
  });
  return router;
}
