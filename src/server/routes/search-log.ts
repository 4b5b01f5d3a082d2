import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../api-error.ts';
import type { ServiceState } from '../ask-handbook.ts';
import { searchLogSchema } from '../feedback-request.ts';
import { createRequestBudget } from '../rate-limits.ts';

/** Searches one client may log a minute; the search box logs only the queries a reader settled on. */
export const SEARCH_LOGS_PER_MINUTE = 30;

/**
 * `POST /api/search-log` `{"query", "results", "lang", "commune"?}`: a search the site's search box settled on
 * (it runs in the browser, so the server would otherwise never see it), for the dashboard's "searched and found
 * nothing"; at most {@link SEARCH_LOGS_PER_MINUTE} a minute per client. Nothing about the person is kept.
 */
export function registerSearchLogRoute(app: FastifyInstance, getState: () => ServiceState, communeIds: readonly string[]): void {
  const budget = createRequestBudget(app, {
    max: SEARCH_LOGS_PER_MINUTE,
    message: (_, seconds) => `more than ${SEARCH_LOGS_PER_MINUTE} searches logged in a minute; wait ${seconds} seconds`,
  });
  app
    .withTypeProvider<ZodTypeProvider>()
    .post('/api/search-log', { schema: { body: searchLogSchema(communeIds) }, preValidation: budget }, async (request) => {
      if (getState().log.recordSearch(request.body) === null) {
        throw new ApiError('question_log_unavailable', 'the search could not be recorded because the question log cannot be written');
      }
      return { ok: true };
    });
}
