import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import { loadCommunes } from '../content/communes.ts';
import { AccessLog } from './access-log.ts';
import type { ServiceState } from './ask-handbook.ts';
import { answerClientError } from './client-errors.ts';
import { createErrorHandler } from './error-handler.ts';
import { siteShell } from './html-pages.ts';
import { createNotFoundHandler } from './not-found.ts';
import { createQuestionBudget } from './rate-limits.ts';
import { registerAskRoute } from './routes/ask.ts';
import { registerFeedbackRoute } from './routes/feedback.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerIocRoutes } from './routes/ioc.ts';
import { registerPageFeedbackRoute } from './routes/page-feedback.ts';
import { registerSearchLogRoute } from './routes/search-log.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerStaticSite } from './static-site.ts';

/** What the app is built from. */
export interface HandbookAppOptions {
  config: Config;
  /** What is serving now; an index rebuild switches it without a restart. */
  getState: () => ServiceState;
  /** The pino logger (src/server/logger.ts). */
  logger: FastifyBaseLogger;
}

const ms = (seconds: number) => Math.round(seconds * 1000);

/** `HANDBOOK_TRUST_PROXY` for Fastify: a hop count trusts that many proxies in front (as Fastify does for a number). */
function trustProxy(setting: Config['server']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/**
 * The one process `npm start` runs, as a Fastify app: the built site as static files and the question API
 * under `/api/`, with security headers, question budgets, one error shape and one access line per request.
 * `app.listen()` serves it; tests use `app.inject()`.
 */
export async function createHandbookApp({ config, getState, logger }: HandbookAppOptions): Promise<FastifyInstance> {
  const { server, limits } = config;
  const shell = siteShell(config.siteDir);
  // The communes officers may name (handbook/communes.yaml); a bad file stops the start with its file:line.
  const communes = loadCommunes(config.handbookDir);
  const communeIds = communes.map((c) => c.id);
  const errorHandler = createErrorHandler({ maxBodyBytes: limits.maxBodyBytes, shell });
  const headersTimeout = ms(server.headersTimeoutSeconds);
  const app = Fastify({
    loggerInstance: logger,
    logController: new AccessLog(),
    trustProxy: trustProxy(server.trustProxy),
    bodyLimit: limits.maxBodyBytes,
    requestTimeout: ms(server.requestTimeoutSeconds),
    keepAliveTimeout: ms(server.keepAliveTimeoutSeconds),
    // Node checks the headers timeout every connectionsCheckingInterval (30 s by default): check often enough.
    http: { headersTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    clientErrorHandler: answerClientError(logger),
    forceCloseConnections: 'idle',
    // While shutting down, a request on an open connection is still answered (then the connection closes).
    return503OnClosing: false,
    // A URL Fastify's router cannot decode (`/%zz`) gets the same JSON error as everything else.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  });
  // Request bodies are checked by the zod schemas in ask-request.ts (fastify-type-provider-zod).
  app.setValidatorCompiler(validatorCompiler);
  // JSON and forms only: anything else is 415, not a string for the schema to reject.
  app.removeContentTypeParser('text/plain');
  await app.register(formbody, { bodyLimit: limits.maxBodyBytes });
  await registerSecurityHeaders(app);
  const budget = await createQuestionBudget(app, limits);

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler(errorHandler);
  registerAskRoute(app, { config, getState, budget, shell, communeIds });
  registerFeedbackRoute(app, getState);
  // Votes on pages and logged searches have budgets of their own (the rate-limit plugin is registered by now).
  registerPageFeedbackRoute(app, getState);
  registerSearchLogRoute(app, getState, communeIds);
  registerHealthRoute(app, config, getState);
  await registerIocRoutes(app, { config, getState, shell, communes });
  await registerStaticSite(app, config.siteDir);
  app.setNotFoundHandler(createNotFoundHandler(app, config.siteDir));
  return app;
}
