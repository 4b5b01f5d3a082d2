import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../api-error.ts';
import type { ServiceState } from '../ask-handbook.ts';
import { FeedbackSchema } from '../ask-request.ts';

/** `POST /api/feedback` `{"questionId", "helpful"}`: whether an answer helped, kept in the question log. */
export function registerFeedbackRoute(app: FastifyInstance, getState: () => ServiceState): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/feedback', { schema: { body: FeedbackSchema } }, async (request) => {
    const { questionId, helpful } = request.body;
    const saved = getState().log.recordFeedback(questionId, helpful);
    if (saved === null) {
      throw new ApiError('question_log_unavailable', 'the feedback could not be recorded because the question log cannot be written; try again later, and tell the IOC team if it persists');
    }
    if (!saved) throw new ApiError('not_found', `no question has the id ${questionId}; send the questionId returned by /api/ask`);
    return { ok: true };
  });
}
