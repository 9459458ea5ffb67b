/**
 * The signed-in learner's own exports, authenticated with the `Authorization: Bearer` access
 * token (the web client downloads them with `fetch` and saves the blob):
 *
 *   GET /me/clr.json                                   → the CLR 2.0 record, signed (JSON-LD)
 *   GET /me/passeport.pdf?lang=fr|en&name=show|hide    → the printable skills passport (A4 PDF)
 *
 * A Bearer header rather than a signed link: the files are made on request for the person
 * asking, so there is no id to sign, and no link that could leak through history or a forwarded
 * message. Nobody reads another person's exports here: the token decides whose they are.
 * 401 without a valid token (or for a disabled account), 400 for a bad parameter, 404 for a
 * CLR without any badge (nothing to bundle yet).
 */
import { type Request, type Response, Router } from 'express';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import type { Catalog } from '../../app/check-curricula.ts';
import { NoBadgeToExport } from '../../app/passport/errors.ts';
import { exportLearnerClr } from '../../app/passport/learner-clr.ts';
import { exportLearnerPassport } from '../../app/passport/learner-passport.ts';
import { verifyAccessToken } from '../../auth/access-tokens.ts';
import { InvalidAccessToken } from '../../auth/errors.ts';
import type { Database } from '../../db/connection.ts';
import { PeopleRepository, type Person } from '../../db/repositories/people-repository.ts';
import { HttpError } from '../errors.ts';

export interface LearnerExportsDeps {
  db: Database;
  catalog: Catalog;
  issuer: Issuer;
  publicUrl: string;
  clock: () => Date;
  jwtSecret: string;
}

/** @returns the router, to mount at the site's root. */
export function createLearnerExportsRouter(deps: LearnerExportsDeps): Router {
  const router = Router();

  router.get('/me/clr.json', async (request: Request, response: Response) => {
    const person = await signedInPerson(request, response, deps);
    let record: Awaited<ReturnType<typeof exportLearnerClr>>;
    try {
      record = await exportLearnerClr(deps, person.id);
    } catch (error) {
      if (error instanceof NoBadgeToExport) {
        throw new HttpError(404, { code: error.code, message: error.messages });
      }
      throw error;
    }
    response.set({
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment; filename="releve-clr.json"',
    });
    response.type('application/ld+json').send(JSON.stringify(record, null, 2));
  });

  router.get('/me/passeport.pdf', async (request: Request, response: Response) => {
    const lang = oneOf(request.query.lang, ['fr', 'en'] as const, 'lang');
    const name = oneOf(request.query.name, ['show', 'hide'] as const, 'name') ?? 'show';
    const person = await signedInPerson(request, response, deps);
    const pdf = await exportLearnerPassport(deps, person.id, {
      lang: lang ?? (person.locale.startsWith('en') ? 'en' : 'fr'),
      hideName: name === 'hide',
    });
    response.set({
      'Cache-Control': 'no-store',
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `attachment; filename="${lang === 'en' ? 'skills-passport' : 'passeport-de-competences'}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(pdf);
  });

  return router;
}

/** The person of the Bearer token, as stored now (a disabled account is refused). */
async function signedInPerson(
  request: Request,
  response: Response,
  deps: LearnerExportsDeps,
): Promise<Person> {
  const refuse = (): never => {
    response.set('WWW-Authenticate', 'Bearer');
    const error = new InvalidAccessToken();
    throw new HttpError(401, { code: error.code, message: error.messages });
  };
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(request.get('authorization') ?? '');
  if (!match?.[1]) return refuse();
  let personId: string;
  try {
    personId = verifyAccessToken(match[1], { secret: deps.jwtSecret, now: deps.clock() }).personId;
  } catch (error) {
    if (error instanceof InvalidAccessToken) return refuse();
    throw error;
  }
  const person = await new PeopleRepository(deps.db).findById(personId);
  if (person === null || person.disabledAt !== null) return refuse();
  return person;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  parameter: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new HttpError(400, {
    code: 'invalid-parameter',
    message: {
      fr: `Le paramètre « ${parameter} » doit valoir ${allowed.map((a) => `« ${a} »`).join(' ou ')}.`,
      en: `The "${parameter}" parameter must be ${allowed.map((a) => `"${a}"`).join(' or ')}.`,
    },
  });
}
