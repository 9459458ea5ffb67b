/**
 * OB 2.0 hosted verification (openbadges.md §2.5): the Assertion published at its own `id` URL is
 * the source of truth. A copy handed to us is only a pointer: we fetch the published one, use it,
 * and call the copy altered if it differs. Revocation is HTTP 410 Gone or `revoked: true`.
 */
import {
  checkDates,
  checkIssuerKnown,
  type PipelineResult,
  type VerifyContext,
} from '../verify/pipeline.ts';
import { printable } from '../verify/printable.ts';
import {
  CHECKS_AFTER_PARSED,
  type Check,
  type CredentialSummary,
  check,
  type Message,
} from '../verify/report.ts';
import { isHttpUrl } from './iri.ts';
import {
  graphDocs,
  hostedScopeProblem,
  linkProblems,
  loadGraph,
  NOTHING_TO_CHECK,
  notReached,
  type Ob2Graph,
  provenIssuerId,
  recipientCheck,
  revokedCheck,
  structureCheck,
  summarize,
} from './ob2-checks.ts';
import { isObject, loadDocument } from './ob2-fetch.ts';
import type { JsonObject } from './ob2-schemas.ts';

export type HostedInput = { url: string } | { assertion: unknown };

type Container = CredentialSummary['container'];

const LATER_IDS = CHECKS_AFTER_PARSED;

const SITE_DOWN: Message = {
  fr: "Le site de l'émetteur n'a pas répondu : ce badge n'a pas pu être confirmé. Réessayez plus tard.",
  en: "The issuer's site did not answer: this badge could not be confirmed. Try again later.",
};

const NOT_PUBLISHED: Message = {
  fr: "Le site de l'émetteur ne publie pas ce badge à l'adresse qu'il indique.",
  en: "The issuer's site does not publish this badge at the address it gives.",
};

/** Where the assertion we judge comes from, and what fetching it already told us. */
interface Source {
  assertion?: JsonObject;
  proof: Check;
  revocation?: { reason: unknown; detail: string };
}

/**
 * Runs the hosted pipeline (see verify-ob2.ts for the contract).
 *
 * @param input the assertion's URL, or the assertion JSON (object or text).
 * @param ctx the verification context.
 * @param container how the badge arrived.
 */
export async function runHostedPipeline(
  input: HostedInput,
  ctx: VerifyContext,
  container: Container,
): Promise<PipelineResult> {
  const base = { format: 'ob2-hosted', container } as const;
  const given = readGiven(input);
  if (given.kind === 'unreadable') {
    const parsed = check('parsed', 'failed', UNREADABLE, { detail: given.detail });
    return finish([parsed, ...LATER_IDS.map((id) => notReached(id, NOTHING_TO_CHECK))], base);
  }
  const givenCopy = given.kind === 'json' ? given.doc : undefined;
  const givenId = given.kind === 'json' ? given.doc.id : given.url;
  if (!isHttpUrl(givenId) && given.kind === 'json') {
    // A hosted assertion is verified at its URL; without one there is nothing to confirm it.
    return finish(
      [
        parsedPassed(false),
        check('structure', 'failed', NO_ADDRESS, {
          detail: `id ${printable(given.doc.id)} is not an http(s) URL`,
        }),
        ...LATER_IDS.slice(1).map((id) => notReached(id, NO_ADDRESS)),
      ],
      base,
      givenCopy,
    );
  }
  const url = typeof givenId === 'string' ? givenId : '';
  const source = await fetchSource(ctx, url, givenCopy);
  if (source.kind === 'stop') return finish(source.checks, base, givenCopy);
  const { assertion, proof, revocation } = source.source;
  const parsed =
    assertion !== undefined
      ? parsedPassed(given.kind === 'url')
      : notReached('parsed', {
          fr: "L'émetteur ne publie plus le contenu de ce badge.",
          en: "The issuer no longer publishes this badge's content.",
        });
  const notRevoked = revocation
    ? revokedCheck(revocation.reason, revocation.detail)
    : check('not-revoked', 'passed', {
        fr: "L'émetteur publie toujours ce badge et ne l'a pas révoqué.",
        en: 'The issuer still publishes this badge and has not revoked it.',
      });
  if (!assertion) {
    const gone: Message = {
      fr: "L'émetteur a retiré ce badge.",
      en: 'The issuer withdrew this badge.',
    };
    const checks = LATER_IDS.map((id) => {
      if (id === 'proof') return proof;
      if (id === 'not-revoked') return notRevoked;
      return notReached(id, gone);
    });
    return finish([parsed, ...checks], base);
  }
  const graph = await loadGraph(ctx, assertion);
  const issuerKey = hostedIssuerKey(assertion, graph);
  const docs = graphDocs(graph);
  const checks = [
    parsed,
    structureCheck(assertion, 'hosted', graph),
    proof,
    issuerKey,
    checkIssuerKnown(provenIssuerId(issuerKey, docs.profile), ctx.knownIssuers),
    notRevoked,
    checkDates(assertion.issuedOn, assertion.expires, ctx.now),
    recipientCheck(assertion.recipient, ctx),
  ];
  return { checks, summary: summarize(base, assertion, docs) };
}

type Given =
  | { kind: 'url'; url: string }
  | { kind: 'json'; doc: JsonObject }
  | { kind: 'unreadable'; detail: string };

function readGiven(input: unknown): Given {
  if (!isObject(input)) return { kind: 'unreadable', detail: 'nothing was given' };
  if ('url' in input) {
    return typeof input.url === 'string'
      ? { kind: 'url', url: input.url.trim() }
      : { kind: 'unreadable', detail: 'the URL is not text' };
  }
  let value = input.assertion;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      return { kind: 'unreadable', detail: `the JSON cannot be read: ${(error as Error).message}` };
    }
  }
  return isObject(value)
    ? { kind: 'json', doc: value }
    : { kind: 'unreadable', detail: 'not a JSON object' };
}

/**
 * Fetches the assertion from its id and decides `proof`: the published copy must declare the
 * URL it was fetched from as its id, and equal the copy given (if any).
 */
async function fetchSource(
  ctx: VerifyContext,
  url: string,
  given: JsonObject | undefined,
): Promise<{ kind: 'go'; source: Source } | { kind: 'stop'; checks: Check[] }> {
  const loaded = await loadDocument(ctx, url);
  switch (loaded.kind) {
    case 'unreachable': {
      const parsed = given ? parsedPassed(false) : notReached('parsed', SITE_DOWN, loaded.detail);
      return {
        kind: 'stop',
        checks: [parsed, ...LATER_IDS.map((id) => notReached(id, SITE_DOWN, loaded.detail))],
      };
    }
    case 'missing':
    case 'unreadable': {
      if (!given) {
        const parsed = check('parsed', 'failed', NO_BADGE_THERE, { detail: loaded.detail });
        return {
          kind: 'stop',
          checks: [parsed, ...LATER_IDS.map((id) => notReached(id, NOTHING_TO_CHECK))],
        };
      }
      // The copy points to an address where the issuer publishes nothing: it is not confirmed.
      const checks = LATER_IDS.map((id) =>
        id === 'proof'
          ? check('proof', 'failed', NOT_PUBLISHED, { detail: loaded.detail })
          : notReached(id, NOT_PUBLISHED),
      );
      return { kind: 'stop', checks: [parsedPassed(false), ...checks] };
    }
    case 'gone': {
      const body = loaded.body;
      const revocation = {
        reason: body?.revocationReason,
        detail: `${url} answered HTTP 410 Gone`,
      };
      if (body && isFullAssertion(body))
        return { kind: 'go', source: judgePublished(url, url, body, given, revocation) };
      const proof = notReached('proof', {
        fr: "L'émetteur ne publie plus ce badge : il n'a pas pu être comparé à l'original.",
        en: 'The issuer no longer publishes this badge, so it could not be compared with the original.',
      });
      return { kind: 'go', source: { ...(given ? { assertion: given } : {}), proof, revocation } };
    }
    case 'json': {
      const doc = loaded.doc;
      const revocation =
        doc.revoked === true
          ? { reason: doc.revocationReason, detail: `${url} declares revoked: true` }
          : undefined;
      if (revocation && !isFullAssertion(doc)) {
        // Only the stripped "revoked" body is published: judge the copy we were given, if any.
        const proof = notReached('proof', {
          fr: "L'émetteur ne publie plus ce badge : il n'a pas pu être comparé à l'original.",
          en: 'The issuer no longer publishes this badge, so it could not be compared with the original.',
        });
        return {
          kind: 'go',
          source: { ...(given ? { assertion: given } : {}), proof, revocation },
        };
      }
      return { kind: 'go', source: judgePublished(url, loaded.url, doc, given, revocation) };
    }
  }
}

/** `proof` for a published copy: served at its own id, and identical to the copy given. */
function judgePublished(
  requested: string,
  finalUrl: string,
  published: JsonObject,
  given: JsonObject | undefined,
  revocation: Source['revocation'],
): Source {
  const withRevocation = revocation ? { revocation } : {};
  if (published.id !== requested && published.id !== finalUrl) {
    const proof = check(
      'proof',
      'failed',
      {
        fr: 'Le badge trouvé à cette adresse prétend être publié ailleurs : il ne peut pas être confirmé.',
        en: 'The badge found at this address claims to be published elsewhere: it cannot be confirmed.',
      },
      { detail: `fetched from ${requested} but declares id ${printable(published.id)}` },
    );
    return { assertion: published, proof, ...withRevocation };
  }
  if (given) {
    const differences = differingKeys(given, published);
    if (differences.length > 0) {
      const proof = check(
        'proof',
        'failed',
        {
          fr: "Ce badge ne correspond pas à celui que publie l'émetteur : il a été modifié.",
          en: 'This badge does not match the one the issuer publishes: it was altered.',
        },
        { detail: `the copy given differs from ${requested} in: ${differences.join(', ')}` },
      );
      return { assertion: published, proof, ...withRevocation };
    }
  }
  const proof = check('proof', 'passed', {
    fr: "Le site de l'émetteur publie ce badge à son adresse, à l'identique.",
    en: "The issuer's site publishes this badge at its address, unchanged.",
  });
  return { assertion: published, proof, ...withRevocation };
}

/** `issuer-key` for hosted badges: the chain of links holds and the id is in the issuer's scope. */
function hostedIssuerKey(assertion: JsonObject, graph: Ob2Graph): Check {
  const { badge, profile } = graphDocs(graph);
  if (!badge || !profile) {
    return notReached('issuer-key', {
      fr: "L'émetteur du badge n'a pas pu être identifié.",
      en: "The badge's issuer could not be identified.",
    });
  }
  const problems = linkProblems(assertion, badge, profile);
  const scope =
    typeof assertion.id === 'string' ? hostedScopeProblem(assertion.id, profile) : 'no id';
  if (scope) problems.push(scope);
  if (problems.length > 0) {
    return check(
      'issuer-key',
      'failed',
      {
        fr: "Rien ne prouve que ce badge vient de l'émetteur indiqué : il n'est pas publié sur son site ou ne renvoie pas à lui.",
        en: "Nothing proves this badge comes from the issuer it names: it is not published on the issuer's site or does not point to it.",
      },
      { detail: problems.join('; ') },
    );
  }
  return check('issuer-key', 'passed', {
    fr: 'Le badge est publié sur le site de son émetteur, qui délivre bien ce type de badge.',
    en: "The badge is published on its issuer's site, and that issuer does award this badge.",
  });
}

/** Top-level properties whose values differ, `revoked`/`revocationReason` aside (added on revocation). */
function differingKeys(given: JsonObject, published: JsonObject): string[] {
  const ignored = new Set(['revoked', 'revocationReason']);
  const keys = new Set([...Object.keys(given), ...Object.keys(published)]);
  return [...keys].filter(
    (key) => !ignored.has(key) && canonical(given[key]) !== canonical(published[key]),
  );
}

/** JSON with object keys sorted, so two copies compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function isFullAssertion(doc: JsonObject): boolean {
  return doc.badge !== undefined && doc.recipient !== undefined;
}

function parsedPassed(fromUrl: boolean): Check {
  return check(
    'parsed',
    'passed',
    fromUrl
      ? {
          fr: 'Le badge publié à cette adresse a pu être lu.',
          en: 'The badge published at this address could be read.',
        }
      : { fr: 'Le badge a pu être lu.', en: 'The badge could be read.' },
  );
}

function finish(
  checks: Check[],
  base: Pick<CredentialSummary, 'format' | 'container'>,
  given?: JsonObject,
): PipelineResult {
  return { checks, summary: summarize(base, given, {}) };
}

const UNREADABLE: Message = {
  fr: "Nous n'avons pas trouvé de badge lisible dans ce qui a été donné.",
  en: 'We found no readable badge in what was given.',
};

const NO_BADGE_THERE: Message = {
  fr: "Aucun badge n'est publié à cette adresse.",
  en: 'No badge is published at this address.',
};

const NO_ADDRESS: Message = {
  fr: "Ce badge n'indique pas l'adresse où son émetteur le publie : il ne peut pas être confirmé.",
  en: 'This badge does not give the address where its issuer publishes it: it cannot be confirmed.',
};
