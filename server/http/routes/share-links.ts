/**
 * `GET /partage/:token`: the public, read-only page of a pathway share link, in French or
 * English, or JSON by `Accept`. Never indexed, never sends the token on as a referrer. An
 * expired or revoked link answers 410 Gone; an unknown one 404. Each opening is logged by
 * `openShareLink` (time and coarse user agent; no address).
 */
import { Router } from 'express';
import type { PathwayDeps } from '../../app/pathway/deps.ts';
import { openShareLink } from '../../app/pathway/share-links.ts';
import { pickLang } from '../views/lang.ts';
import { NOT_FOUND_MESSAGE, notFoundPage } from '../views/not-found-page.ts';
import { shareGonePage, sharePage } from '../views/share-page.ts';

export function createShareLinksRouter(deps: PathwayDeps): Router {
  const router = Router();
  router.get('/partage/:token', async (request, response, next) => {
    try {
      response.set('X-Robots-Tag', 'noindex, nofollow');
      response.set('Referrer-Policy', 'no-referrer');
      response.set('Cache-Control', 'no-store');
      const lang = pickLang(request.query.lang, request.get('accept-language'));
      const wantsJson = request.accepts(['text/html', 'application/json']) === 'application/json';
      const opened = await openShareLink(deps, request.params.token, request.get('user-agent'));
      if (opened.status === 'not-found') {
        response.status(404);
        if (wantsJson) response.json({ error: 'not-found', message: NOT_FOUND_MESSAGE });
        else response.type('html').send(notFoundPage(lang).value);
        return;
      }
      if (opened.status === 'gone') {
        response.status(410);
        if (wantsJson) response.json({ error: opened.reason });
        else response.type('html').send(shareGonePage(opened.reason, lang).value);
        return;
      }
      if (wantsJson) {
        const { share } = opened;
        response.json({
          learnerName: share.learnerName,
          expiresAt: share.expiresAt,
          ...(share.targets === undefined
            ? {}
            : {
                targets: share.targets.map((t) => ({
                  jobId: t.job.id,
                  title: t.job.title,
                  romeCode: t.job.rome?.code ?? null,
                  requiredCovered: t.gap.requiredCovered,
                  requiredTotal: t.gap.requiredTotal,
                  skillsToLearn: t.gap.skillsToLearn,
                })),
              }),
          ...(share.milestones === undefined
            ? {}
            : {
                milestones: share.milestones.map((m) => ({
                  milestoneId: m.milestoneId,
                  reachedOn: m.reachedOn,
                })),
              }),
          badges: share.badges,
        });
        return;
      }
      response.type('html').send(sharePage(opened.share, lang).value);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
