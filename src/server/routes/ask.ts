import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { askHandbook, type AskResponse, type ServiceState } from '../ask-handbook.ts';
import { askRequestSchema } from '../ask-request.ts';
import { hideServerPaths } from '../hide-paths.ts';
import { answerPage, isFormPost, type PageShell } from '../html-pages.ts';
import { requestLang } from '../request-lang.ts';

/** What the ask route needs from the app. */
export interface AskRouteOptions {
  config: Config;
  getState: () => ServiceState;
  /** The question budget (rate limits), run once the body is parsed. */
  budget: (request: FastifyRequest) => Promise<void>;
  shell: PageShell;
  /** Ids of the communes a question may name (handbook/communes.yaml). */
  communeIds: readonly string[];
}

/**
 * `POST /api/ask`: a JSON question gets the JSON {@link AskResponse}; the Ask form posted without
 * JavaScript (`application/x-www-form-urlencoded`, the same fields) gets the same answer as an HTML page.
 * Both bodies are validated by the one zod schema in ask-request.ts.
 */
export function registerAskRoute(app: FastifyInstance, { config, getState, budget, shell, communeIds }: AskRouteOptions): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/api/ask',
      { schema: { body: askRequestSchema(config.limits.maxQuestionChars, communeIds) }, preValidation: budget },
      async (request, reply) => {
        const answer = await askHandbook(getState(), request.body);
        // The access line (access-log.ts) is written through this logger, so it carries the answer's mode.
        request.log = request.log.child({ mode: answer.mode });
        const response: AskResponse = answer.notice ? { ...answer, notice: hideServerPaths(answer.notice, config) } : answer;
        if (isFormPost(request)) {
          return reply.type('text/html; charset=utf-8').send(answerPage(response, request.body.question, requestLang(request), shell));
        }
        return response;
      },
    );
}
