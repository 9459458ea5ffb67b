/**
 * The public badge endpoints: what employers, other platforms and verifiers fetch without an
 * account. The issuer's DID document and profiles, the revocation status lists, OB 2.0 hosted
 * objects, badge images and definition pages, each award's page (HTML for people, the signed
 * credential for machines, baked images for download) and a verification form (its POST is
 * limited per client and in concurrency: `../verify-limits.ts`).
 *
 * Privacy: these routes have no session, so every requester is anonymous. An award whose
 * learner keeps a private profile (minors by default) answers 404 on ALL of them (page, JSON,
 * images, OB 2.0 assertion), the same answer as for an award that does not exist.
 */
import express, { type Request, type Response, Router } from 'express';
import { bakePng } from '../../../badges/baking/png.ts';
import { bakeSvg } from '../../../badges/baking/svg.ts';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import { buildRevokedAssertionBody } from '../../../badges/ob2/build-objects.ts';
import type { VerifyOptions } from '../../../badges/verify/verify-credential.ts';
import type { Catalog } from '../../app/check-curricula.ts';
import { parseStatusListNumber } from '../../app/issuance/status-lists.ts';
import { createPublishedCredentialReader } from '../../app/published-credential.ts';
import {
  awardImages,
  badgeImages,
  baseUrl,
  findPublishedAward,
  findPublishedBadge,
  issuerDidDocument,
  ob2BadgeClass,
  ob2IssuerProfile,
  ob3IssuerProfile,
  type PublishedDeps,
  requiredSkills,
  statusListCredential,
  verifyStoredCredential,
  verifySubmitted,
} from '../../app/read-published.ts';
import type { Database } from '../../db/connection.ts';
import type { Logger } from '../../logger.ts';
import { createVerifyLimits, type VerifyLimitOptions } from '../verify-limits.ts';
import { awardPage } from '../views/award-page.ts';
import { definitionPage } from '../views/definition-page.ts';
import type { SafeHtml } from '../views/html.ts';
import { type Lang, pickLang } from '../views/lang.ts';
import { NOT_FOUND_MESSAGE, notFoundPage } from '../views/not-found-page.ts';
import { verifyPage } from '../views/verify-page.ts';
import { type MultipartForm, readMultipart } from './read-multipart.ts';

export interface PublicBadgesDeps {
  db: Database;
  catalog: Catalog;
  /** From `ensureIssuer` at start; its keys are re-read from the database on every use. */
  issuer: Issuer;
  /** The platform's public base URL: every published id derives from it. */
  publicUrl: string;
  clock: () => Date;
  logger: Logger;
  /** Options for verifyCredential (tests allow loopback addresses). */
  verify?: VerifyOptions;
  /** Limits of `POST /verify` (default: 20 a minute per client, 8 at once). */
  verifyLimits?: Omit<VerifyLimitOptions, 'clock'>;
}

/** Largest badge file the verification form accepts. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const JSON_TYPES = ['application/ld+json', 'application/vc+ld+json', 'application/json'];

/**
 * @param deps database, catalog, issuer, public URL, clock, logger.
 * @returns the router, to mount at the site's root (`app.use(createPublicBadgesRouter(deps))`).
 */
export function createPublicBadgesRouter(deps: PublicBadgesDeps): Router {
  const router = Router();
  const published: PublishedDeps = {
    db: deps.db,
    catalog: deps.catalog,
    issuer: deps.issuer,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
    ...(deps.verify === undefined ? {} : { verify: deps.verify }),
  };
  const base = baseUrl(deps);
  const limits = createVerifyLimits({ clock: deps.clock, ...deps.verifyLimits });
  const credentialJson = createPublishedCredentialReader(deps.db);
  // Each credential's ETag, worked out once beside its bytes (which never change), by the
  // function express would use; kept as long as the reader keeps the bytes.
  const etags = new WeakMap<Buffer, string>();

  // First: verifiers and employers open this address far more often than any other here.
  router.get('/badges/:awardId', async (request, response) => {
    const { name: awardId, extension } = splitExtension(String(request.params.awardId));
    const wanted = request.accepts(['text/html', ...JSON_TYPES]);
    if (extension === undefined && wanted !== 'text/html' && wanted !== false) {
      // Verifiers' short path: the stored credential's bytes, the award's visibility read live.
      response.vary('Accept');
      const bytes = await credentialJson(awardId);
      if (bytes === undefined) return notFound(request, response);
      let etag = etags.get(bytes);
      const etagOf = request.app.get('etag fn') as ((body: Buffer) => string) | undefined;
      if (etag === undefined && etagOf !== undefined) {
        etag = etagOf(bytes);
        etags.set(bytes, etag);
      }
      if (etag !== undefined) response.set('ETag', etag);
      sendJsonText(response, bytes, wanted === 'application/json' ? 'application/json' : wanted, 0);
      return;
    }
    const found = await findPublishedAward(published, awardId);
    if (found === undefined) return notFound(request, response);
    const { award } = found;
    const fileName = `badge-${award.badgeId.replace(/[^A-Za-z0-9-]+/g, '-')}`;
    if (extension === 'png' || extension === 'svg') {
      const images = awardImages(published, award);
      response.set('Cache-Control', 'no-cache');
      if (extension === 'png') {
        const baked = bakePng(images.png, 'openbadgecredential', JSON.stringify(award.credential));
        response.attachment(`${fileName}.png`).type('image/png').send(baked);
      } else {
        const baked = bakeSvg(images.svg, { version: '3.0', credential: award.credential });
        response.attachment(`${fileName}.svg`).type('image/svg+xml').send(baked);
      }
      return;
    }
    if (extension === 'json') {
      response.attachment(`${fileName}.json`);
      sendJson(response, award.credential, 'application/vc+ld+json', 0);
      return;
    }
    if (extension !== undefined) return notFound(request, response);

    response.vary('Accept');
    const lang = languageOf(request);
    const now = deps.clock();
    const report = await verifyStoredCredential(published, award.credential);
    const achievement = award.credential.credentialSubject.achievement;
    response.vary('Accept-Language');
    sendHtml(
      response,
      awardPage({
        lang,
        pageUrl: `${base}/badges/${award.id}`,
        awardId: award.id,
        name: achievement.name,
        description: achievement.description,
        ...(achievement.criteria.narrative === undefined
          ? {}
          : { criteria: achievement.criteria.narrative }),
        issuerName: award.credential.issuer.name,
        learnerName: found.learnerName,
        issuedAt: award.issuedAt,
        ...(award.validUntil === undefined ? {} : { validUntil: award.validUntil }),
        ...(award.revokedAt === undefined
          ? {}
          : { revoked: { at: award.revokedAt, reason: award.revocationReason ?? '' } }),
        expired: award.validUntil !== undefined && Date.parse(award.validUntil) <= now.getTime(),
        skills: requiredSkills(published, award.snapshot.badge.criteria),
        alignments: (achievement.alignment ?? []).map((alignment) => ({
          name: alignment.targetName,
          url: alignment.targetUrl,
          ...(alignment.targetFramework === undefined
            ? {}
            : { framework: alignment.targetFramework }),
          ...(alignment.targetCode === undefined ? {} : { code: alignment.targetCode }),
        })),
        report,
      }),
      lang,
    );
  });

  router.get('/.well-known/did.json', async (_request, response) => {
    sendJson(response, await issuerDidDocument(published), 'application/did+json', 300);
  });

  router.get('/issuer', (_request, response) => {
    sendJson(response, ob3IssuerProfile(published), 'application/ld+json', 300);
  });

  router.get('/ob2/issuer', (_request, response) => {
    sendJson(response, ob2IssuerProfile(published), 'application/ld+json', 300);
  });

  // Every revocation list: /status/1, then /status/2… once a list is full.
  router.get('/status/:number', async (request, response) => {
    const number = parseStatusListNumber(String(request.params.number));
    if (number === undefined) return notFound(request, response);
    const list = await statusListCredential(published, number);
    if (list === undefined) return notFound(request, response);
    // Short cache: a revocation must reach verifiers within a minute.
    sendJson(response, list, 'application/vc+ld+json', 60);
  });

  router.get('/ob2/assertions/:id', async (request, response) => {
    const found = await findPublishedAward(published, String(request.params.id));
    if (found?.award.ob2Assertion === undefined) return notFound(request, response);
    const { award } = found;
    if (award.revokedAt !== undefined) {
      response
        .status(410)
        .type('application/ld+json')
        .send(
          JSON.stringify(
            buildRevokedAssertionBody(award.ob2Assertion?.id ?? '', award.revocationReason ?? ''),
          ),
        );
      return;
    }
    sendJson(response, award.ob2Assertion, 'application/ld+json', 60);
  });

  router.get('/ob2/badges/*badgeId', (request, response) => {
    const badgeId = splat(request.params.badgeId);
    const badgeClass = ob2BadgeClass(published, badgeId);
    if (badgeClass === undefined) return notFound(request, response);
    sendJson(response, badgeClass, 'application/ld+json', 300);
  });

  router.get('/badges/definitions/*badgeId', (request, response) => {
    const { name, extension } = splitExtension(splat(request.params.badgeId));
    if (extension === 'png' || extension === 'svg') {
      const images = badgeImages(published, name);
      if (images === undefined) return notFound(request, response);
      response.set('Cache-Control', 'public, max-age=3600');
      if (extension === 'png') response.type('image/png').send(images.png);
      else response.type('image/svg+xml').send(images.svg);
      return;
    }
    if (extension !== undefined) return notFound(request, response);
    const found = findPublishedBadge(published, name);
    if (found === undefined) return notFound(request, response);
    const lang = languageOf(request);
    sendHtml(
      response,
      definitionPage({
        lang,
        pageUrl: `${base}/badges/definitions/${name}`,
        issuerName: deps.issuer.profile.name,
        found,
      }),
      lang,
    );
  });

  router.get('/verify', (request, response) => {
    const lang = languageOf(request);
    sendHtml(response, verifyPage({ lang, pageUrl: `${base}/verify` }), lang);
  });

  // Counted before the body is read: a refused client costs no upload and no fetch.
  const readJson = express.json({ limit: '5mb' });
  router.post('/verify', limits.perClient, readJson, async (request, response) => {
    const lang = languageOf(request);
    if (request.is('application/json')) {
      const body = (request.body ?? {}) as { url?: unknown; credential?: unknown };
      const input = typeof body.url === 'string' ? body.url : body.credential;
      if (input === undefined || (typeof body.url === 'string' && !isHttpUrl(body.url))) {
        response.status(400).json({
          error: {
            code: 'nothing-to-verify',
            message: {
              fr: 'Donnez `url` (adresse http ou https du badge) ou `credential`.',
              en: 'Give `url` (the badge’s http or https address) or `credential`.',
            },
          },
        });
        return;
      }
      await limits.inSlot(request, response, async () => {
        response.json(await verifySubmitted(published, input));
      });
      return;
    }
    if (!request.is('multipart/form-data')) {
      sendHtml(
        response.status(400),
        verifyPage({ lang, pageUrl: `${base}/verify`, problem: problemText('nothing', lang) }),
        lang,
      );
      return;
    }
    const pageUrl = `${base}/verify`;
    let form: MultipartForm;
    try {
      form = await readMultipart(request, MAX_UPLOAD_BYTES);
    } catch (error) {
      // A broken upload is the sender's problem: say so on the form rather than as JSON.
      deps.logger.info({ err: error }, 'verify: unreadable multipart body');
      sendHtml(
        response.status(400),
        verifyPage({ lang, pageUrl, problem: problemText('nothing', lang) }),
        lang,
      );
      return;
    }
    const url = form.fields.get('url')?.trim() ?? '';
    if (form.tooLarge) {
      sendHtml(
        response.status(413),
        verifyPage({ lang, pageUrl, problem: problemText('large', lang) }),
        lang,
      );
      return;
    }
    let input: unknown;
    if (form.file !== undefined) input = fileInput(form.file);
    else if (isHttpUrl(url)) input = url;
    if (input === undefined) {
      sendHtml(
        response.status(400),
        verifyPage({ lang, pageUrl, url, problem: problemText('nothing', lang) }),
        lang,
      );
      return;
    }
    await limits.inSlot(request, response, async () => {
      const report = await verifySubmitted(published, input);
      sendHtml(response, verifyPage({ lang, pageUrl, url, report }), lang);
    });
  });

  return router;
}

/** 404 as a page for browsers, as JSON for programs, in French or English. */
function notFound(request: Request, response: Response): void {
  const lang = languageOf(request);
  response.status(404);
  if (request.accepts(['text/html', ...JSON_TYPES]) === 'text/html') {
    sendHtml(response, notFoundPage(lang), lang);
    return;
  }
  response.json({ error: { code: 'not-found', message: NOT_FOUND_MESSAGE } });
}

function languageOf(request: Request): Lang {
  return pickLang(request.query.lang, request.get('accept-language'));
}

function sendHtml(response: Response, page: SafeHtml, lang: Lang): void {
  response
    .type('text/html; charset=utf-8')
    .set('Content-Language', lang)
    .set('X-Content-Type-Options', 'nosniff')
    .send(page.value);
}

function sendJson(response: Response, body: unknown, type: string, maxAge: number): void {
  sendJsonText(response, JSON.stringify(body), type, maxAge);
}

/** Every address answering JSON here is a public read: `cors.ts` opens it to every site. */
function sendJsonText(
  response: Response,
  body: string | Buffer,
  type: string,
  maxAge: number,
): void {
  response
    .set('Content-Type', `${type}; charset=utf-8`)
    .set('Cache-Control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache')
    .send(body);
}

/** Express 5 gives a `*name` wildcard as its path segments. */
function splat(value: unknown): string {
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}

function splitExtension(path: string): { name: string; extension?: string } {
  const match = /^(.*)\.(png|svg|json|[A-Za-z0-9]{1,5})$/.exec(path);
  return match
    ? { name: match[1] as string, extension: (match[2] as string).toLowerCase() }
    : { name: path };
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** PNG bytes stay bytes; anything else (SVG, JSON, a token) is read as text. */
function fileInput(file: Buffer): Uint8Array | string {
  if (PNG_SIGNATURE.every((byte, index) => file[index] === byte)) return new Uint8Array(file);
  return file.toString('utf8').trim();
}

function problemText(kind: 'nothing' | 'large', lang: Lang): string {
  if (kind === 'large')
    return lang === 'fr'
      ? 'Le fichier est trop volumineux (5 Mo au plus).'
      : 'The file is too large (5 MB at most).';
  return lang === 'fr'
    ? "Collez l'adresse du badge (commençant par https://) ou choisissez son fichier."
    : "Paste the badge's address (starting with https://) or choose its file.";
}
