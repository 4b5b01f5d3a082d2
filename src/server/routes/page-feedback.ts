import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { UI } from '../../site/ui-strings.ts';
import { ApiError } from '../api-error.ts';
import type { ServiceState } from '../ask-handbook.ts';
import { PageFeedbackSchema } from '../feedback-request.ts';
import { createRequestBudget } from '../rate-limits.ts';
import { requestLang } from '../request-lang.ts';

/** Votes one client may send a minute: a person reading pages sends a few; more is someone stuffing the box. */
export const PAGE_VOTES_PER_MINUTE = 10;

/**
 * `POST /api/page-feedback` `{"entryId", "lang", "helpful", "comment"?}`: an entry page's "Trang này có giúp ích
 * không?", stored against the entry (which must be one the service serves), at most
 * {@link PAGE_VOTES_PER_MINUTE} a minute per client.
 */
export function registerPageFeedbackRoute(app: FastifyInstance, getState: () => ServiceState): void {
  const budget = createRequestBudget(app, {
    max: PAGE_VOTES_PER_MINUTE,
    message: (request, seconds) => UI[requestLang(request)].pageFeedbackRateLimited(PAGE_VOTES_PER_MINUTE, seconds),
  });
  app
    .withTypeProvider<ZodTypeProvider>()
    .post('/api/page-feedback', { schema: { body: PageFeedbackSchema }, preValidation: budget }, async (request) => {
      const { entryId, lang, helpful, comment } = request.body;
      const state = getState();
      if (!state.search.entries.some((e) => e.id === entryId && e.lang === lang)) {
        throw new ApiError('not_found', `no ${lang} entry has the id "${entryId}"; send the id of the entry page the vote is about`);
      }
      if (state.log.recordPageFeedback({ entryId, lang, helpful, comment }) === null) {
        throw new ApiError(
          'question_log_unavailable',
          'the feedback could not be recorded because the question log cannot be written; try again later, and tell the IOC team if it persists',
        );
      }
      return { ok: true };
    });
}
