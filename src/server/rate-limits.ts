import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { UI } from '../site/ui-strings.ts';
import { ApiError } from './api-error.ts';
import { requestLang } from './request-lang.ts';

const MINUTE = 60_000;
/** Clients remembered at once; the least recently seen is forgotten first, never all at once. */
const CLIENTS_REMEMBERED = 50_000;

/**
 * Budgets for questions: `HANDBOOK_RATE_LIMIT` a minute per client (`request.ip`, which honours
 * `HANDBOOK_TRUST_PROXY`) and `HANDBOOK_RATE_LIMIT_GLOBAL` a minute for everyone together. Returns a hook
 * for the routes that answer questions; it runs once the body is parsed, so the 429 message can follow the
 * body's `lang`, and it throws `rate_limited` with `Retry-After` set to the seconds left in the window.
 */
export async function createQuestionBudget(
  app: FastifyInstance,
  limits: Config['limits'],
): Promise<(request: FastifyRequest) => Promise<void>> {
  await app.register(rateLimit, { global: false });
  // `cache` sizes this limiter's own LRU store (the plugin passes a limiter's options to its store); it is
  // missing from CreateRateLimitOptions, hence the variable.
  const perClientOptions = { max: limits.perMinute, timeWindow: MINUTE, cache: CLIENTS_REMEMBERED };
  const perClient = app.createRateLimit(perClientOptions);
  const everyone = app.createRateLimit({ max: limits.globalPerMinute, timeWindow: MINUTE, keyGenerator: () => 'everyone' });
  return async (request) => {
    const client = await perClient(request);
    if (!client.isAllowed && client.isExceeded) {
      throw limited(client.ttlInSeconds, UI[requestLang(request)].rateLimited(limits.perMinute, client.ttlInSeconds));
    }
    const all = await everyone(request);
    if (!all.isAllowed && all.isExceeded) {
      throw limited(all.ttlInSeconds, UI[requestLang(request)].rateLimitedEveryone(limits.globalPerMinute, all.ttlInSeconds));
    }
  };
}

/**
 * A budget of `max` requests per client (`request.ip`) in `windowMs`, or per any other key `keyOf` gives (e.g. a
 * user name); for the routes that record votes and searches, and for IOC sign-in. Register it after
 * {@link createQuestionBudget} (which registers the rate-limit plugin). The hook throws `rate_limited` with
 * `Retry-After` and `message(seconds)` when the budget is spent.
 */
export function createRequestBudget(
  app: FastifyInstance,
  options: {
    max: number;
    windowMs?: number;
    keyOf?: (request: FastifyRequest) => string;
    message: (request: FastifyRequest, seconds: number) => string;
  },
): (request: FastifyRequest) => Promise<void> {
  const limitOptions = {
    max: options.max,
    timeWindow: options.windowMs ?? MINUTE,
    cache: CLIENTS_REMEMBERED,
    ...(options.keyOf ? { keyGenerator: options.keyOf } : {}),
  };
  const limit = app.createRateLimit(limitOptions);
  return async (request) => {
    const result = await limit(request);
    if (!result.isAllowed && result.isExceeded) throw limited(result.ttlInSeconds, options.message(request, result.ttlInSeconds));
  };
}

function limited(seconds: number, message: string): ApiError {
  return new ApiError('rate_limited', message, { headers: { 'retry-after': String(Math.max(1, seconds)) } });
}
