import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../api-error.ts';
import type { ServiceState } from '../ask-handbook.ts';
import { FeedbackSchema } from '../feedback-request.ts';
import { FEEDBACK_HOURS } from '../question-log.ts';

const LOG_UNAVAILABLE =
  'the feedback could not be recorded because the question log cannot be written; try again later, and tell the IOC team if it persists';

/**
 * `POST /api/feedback` `{"feedbackToken", "helpful", "comment"?}`: whether an answer helped, kept in the question
 * log. The token comes with the answer, so only the asker can vote, once per answer (a second vote replaces the
 * first), within {@link FEEDBACK_HOURS} hours.
 */
export function registerFeedbackRoute(app: FastifyInstance, getState: () => ServiceState): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/feedback',
    {
      schema: { body: FeedbackSchema },
      // Before the schema: an old Ask box sends the sequential questionId, which anyone could replay.
      preValidation: async (request) => {
        const body = request.body;
        if (body && typeof body === 'object' && 'questionId' in body) {
          throw new ApiError(
            'invalid_request',
            'questionId is no longer accepted: send the feedbackToken that /api/ask returned with the answer, e.g. {"feedbackToken": "…", "helpful": true} (reload the page to get the current Ask box)',
          );
        }
      },
    },
    async (request) => {
      const { feedbackToken, helpful, comment } = request.body;
      const outcome = getState().log.recordFeedback(feedbackToken, helpful, comment);
      if (outcome === null) throw new ApiError('question_log_unavailable', LOG_UNAVAILABLE);
      if (outcome === 'unknown') {
        throw new ApiError(
          'not_found',
          'no answer has this feedbackToken; send the feedbackToken that /api/ask returned with the answer, unchanged',
        );
      }
      if (outcome === 'expired') {
        throw new ApiError(
          'feedback_expired',
          `this answer is more than ${FEEDBACK_HOURS} hours old and can no longer be rated; ask the question again to rate the new answer`,
        );
      }
      return { ok: true, replaced: outcome === 'replaced' };
    },
  );
}
