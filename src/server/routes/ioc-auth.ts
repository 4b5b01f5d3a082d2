import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'astro/zod';
import { AccountError, ADD_USER_COMMAND, type IocAccounts } from '../../ioc/accounts.ts';
import { both, bothText, dashboardOffPage, IOC_STYLESHEET, messagePage, signInPage, type IocPageFrame } from '../../ioc/ioc-pages.ts';
import { sameToken, type IocSession, type IocSessions } from '../../ioc/sessions.ts';
import { ApiError } from '../api-error.ts';
import { createRequestBudget } from '../rate-limits.ts';

/** The session cookie: a random token; the session itself stays on the server. */
export const SESSION_COOKIE = 'ioc_session';
/** The sign-in form's own token (double submit), so another site cannot sign a browser in. */
const SIGNIN_COOKIE = 'ioc_signin';
/** Sign-in attempts allowed per client, and per user name, in {@link SIGNIN_WINDOW_MS}. */
export const SIGNIN_ATTEMPTS = 10;
export const SIGNIN_WINDOW_MS = 15 * 60_000;

/** What the dashboard's routes share. */
export interface IocContext {
  accounts: IocAccounts;
  sessions: IocSessions;
  stylesheets: readonly string[];
}

/** The session of a request that passed the guard. */
const sessions = new WeakMap<FastifyRequest, IocSession>();

/** The signed-in session of a request under /ioc/ or /api/ioc/ (the guard has checked it exists). */
export function sessionOf(request: FastifyRequest): IocSession {
  const session = sessions.get(request);
  if (!session) throw new ApiError('unauthorized', 'sign in at /ioc/ first');
  return session;
}

/** The page frame of a request: the site's stylesheets and, once signed in, the user. */
export function frameOf(ctx: IocContext, request: FastifyRequest): IocPageFrame {
  const session = sessions.get(request);
  return { stylesheets: ctx.stylesheets, session: session ? { user: session.user, csrf: session.csrf } : undefined };
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/ioc/');

const SignInSchema = z.object({
  name: z.string().trim().toLowerCase().max(100),
  password: z.string().max(1000),
  signin: z.string().max(200),
});
const CsrfSchema = z.object({ csrf: z.string() }).loose();

/** Cookie settings: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS (`trustProxy` honoured). */
const cookieOptions = (request: FastifyRequest, path = '/') =>
  ({ path, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' }) as const;

/** True when a browser's Origin header names another site (a form posted from elsewhere). */
function foreignOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  // Default ports aside (a TLS proxy may pass "host:443" on, a browser never writes it), the hosts must match.
  const bare = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');
  try {
    return bare(new URL(origin).host) !== bare(request.host);
  } catch {
    return true;
  }
}

/**
 * Sign-in, sign-out and the guard of everything under `/ioc/` and `/api/ioc/`, inside the dashboard's plugin
 * context `ioc`: without an account file the dashboard is off (it says how to create one); without a session
 * pages redirect to the sign-in page and the API answers 401; a POST needs the session's CSRF token and no foreign
 * Origin. Sign-in attempts are limited per client and per user name.
 */
export async function registerIocAuth(root: FastifyInstance, ioc: FastifyInstance, ctx: IocContext): Promise<void> {
  const limited = (seconds: number) =>
    bothText(
      `Đăng nhập sai quá nhiều lần; chờ ${Math.ceil(seconds / 60)} phút rồi thử lại.`,
      `Too many sign-in attempts; wait ${Math.ceil(seconds / 60)} minutes and try again.`,
    );
  // On the root app: the rate-limit plugin lives there (registered by createQuestionBudget).
  const perClient = createRequestBudget(root, { max: SIGNIN_ATTEMPTS, windowMs: SIGNIN_WINDOW_MS, message: (_, s) => limited(s) });
  const perName = createRequestBudget(root, {
    max: SIGNIN_ATTEMPTS,
    windowMs: SIGNIN_WINDOW_MS,
    keyOf: (request) => `name:${SignInSchema.safeParse(request.body).data?.name ?? ''}`,
    message: (_, s) => limited(s),
  });

  /** The "dashboard is off" page: 503 while no account exists, 500 when the accounts file cannot be read. */
  const sendDashboardOff = (request: FastifyRequest, reply: FastifyReply, status: 500 | 503, told?: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(dashboardOffPage(frameOf(ctx, request), told));

  await ioc.register(cookie);

  ioc.addHook('onRequest', async (request, reply) => {
    // Dashboard pages and figures are never kept by a browser or proxy cache (the stylesheet may be).
    if (request.url !== IOC_STYLESHEET) reply.header('cache-control', 'no-store');
    if ((request.routeOptions.config as { public?: boolean }).public) return;
    let users;
    try {
      users = ctx.accounts.users();
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      // The message names a server path: it goes to the log, and the visitor is told where to look.
      request.log.error({ err: e }, e.message);
      const told = bothText(
        'Không đọc được tệp tài khoản; xem nhật ký của dịch vụ.',
        "The accounts file cannot be read; see the service's log.",
      );
      if (isApi(request)) throw new ApiError('internal_error', told);
      return sendDashboardOff(request, reply, 500, told);
    }
    if (users === undefined || users.length === 0) {
      if (isApi(request))
        throw new ApiError(
          'unauthorized',
          `the IOC dashboard is off: no account exists; create one on the server with ${ADD_USER_COMMAND}`,
        );
      return sendDashboardOff(request, reply, 503);
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = ctx.sessions.get(token);
    if (session && !ctx.accounts.has(session.user)) ctx.sessions.endAllOf(session.user);
    if (!session || !ctx.accounts.has(session.user)) {
      if (isApi(request)) throw new ApiError('unauthorized', 'sign in at /ioc/ first: this API needs an IOC session');
      return reply.redirect('/ioc/sign-in', 303);
    }
    sessions.set(request, session);
  });

  // After the body is parsed: every POST of a session carries its CSRF token, and none comes from another site.
  ioc.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || (request.routeOptions.config as { public?: boolean }).public) return;
    const session = sessionOf(request);
    const sent = CsrfSchema.safeParse(request.body).data?.csrf;
    if (foreignOrigin(request) || !sameToken(sent, session.csrf)) {
      throw new ApiError(
        'forbidden',
        bothText(
          'Biểu mẫu này đã hết hạn hoặc không đến từ bảng theo dõi; tải lại trang rồi thử lại.',
          'This form has expired or did not come from the dashboard; reload the page and try again.',
        ),
      );
    }
  });

  ioc.get('/ioc', { config: { public: true } }, async (_request, reply) => reply.redirect('/ioc/', 301));

  const showSignIn = (request: FastifyRequest, reply: FastifyReply, message?: string, name?: string) => {
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(SIGNIN_COOKIE, token, { ...cookieOptions(request, '/ioc/sign-in'), maxAge: 3600 });
    return reply.type('text/html; charset=utf-8').send(signInPage(frameOf(ctx, request), token, message, name));
  };

  ioc.get('/ioc/sign-in', { config: { public: true } }, async (request, reply) => {
    const users = ctx.accounts.users();
    if (users === undefined || users.length === 0) return sendDashboardOff(request, reply, 503);
    if (ctx.sessions.get(request.cookies[SESSION_COOKIE])) return reply.redirect('/ioc/', 303);
    return showSignIn(request, reply);
  });

  ioc.post('/ioc/sign-in', { config: { public: true } }, async (request, reply) => {
    const users = ctx.accounts.users();
    if (users === undefined || users.length === 0) return sendDashboardOff(request, reply, 503);
    const form = SignInSchema.safeParse(request.body);
    if (!form.success || foreignOrigin(request) || !sameToken(request.cookies[SIGNIN_COOKIE], form.data.signin)) {
      reply.code(403);
      return showSignIn(
        request,
        reply,
        bothText('Biểu mẫu đăng nhập đã hết hạn; đăng nhập lại.', 'The sign-in form expired; sign in again.'),
      );
    }
    try {
      await perClient(request);
      await perName(request);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      reply.code(e.status).headers(e.headers);
      return showSignIn(request, reply, e.message, form.data.name);
    }
    if (!(await ctx.accounts.verify(form.data.name, form.data.password))) {
      request.log.warn({ iocUser: form.data.name.slice(0, 40) }, 'IOC dashboard sign-in refused');
      reply.code(401);
      return showSignIn(
        request,
        reply,
        bothText('Tên đăng nhập hoặc mật khẩu không đúng.', 'The user name or password is wrong.'),
        form.data.name,
      );
    }
    // A fresh token at every sign-in: a token planted before cannot become a session.
    ctx.sessions.end(request.cookies[SESSION_COOKIE]);
    const { token } = ctx.sessions.create(form.data.name);
    request.log.info({ iocUser: form.data.name }, 'IOC dashboard sign-in');
    return reply
      .setCookie(SESSION_COOKIE, token, cookieOptions(request))
      .clearCookie(SIGNIN_COOKIE, { path: '/ioc/sign-in' })
      .redirect('/ioc/', 303);
  });

  ioc.post('/ioc/sign-out', async (request, reply) => {
    ctx.sessions.end(request.cookies[SESSION_COOKIE]);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/ioc/sign-in', 303);
  });

  // The guard's error handler: the API gets JSON, pages a short page saying what to do.
  const rootHandler = root.errorHandler;
  ioc.setErrorHandler((error, request, reply) => {
    if (isApi(request) || !(error instanceof ApiError)) return rootHandler.call(root, error, request, reply);
    reply.code(error.status).headers({ ...error.headers, 'cache-control': 'no-store' });
    return reply
      .type('text/html; charset=utf-8')
      .send(messagePage(frameOf(ctx, request), both('Không thực hiện được', 'Not done'), error.message));
  });

  // Anything else under /ioc/ or /api/ioc/ is refused by the guard first, and only then unknown.
  ioc.route({
    method: ['GET', 'POST'],
    url: '/ioc/*',
    handler: async () => {
      throw new ApiError('not_found', bothText('Không có trang này trong bảng theo dõi.', 'There is no such dashboard page.'));
    },
  });
  ioc.route({
    method: ['GET', 'POST'],
    url: '/api/ioc/*',
    handler: async (request) => {
      throw new ApiError('not_found', `no IOC API at ${request.url.split('?')[0]}; use /api/ioc/figures`);
    },
  });
}
