import type { FastifyInstance } from 'fastify';
import { IocAccounts } from '../../src/ioc/accounts.ts';

/** A password the tests give their accounts. */
export const PASSWORD = 'correct horse battery staple';

/** Creates an IOC account in a data folder, as `npm run ioc:user -- add` does. */
export async function addAccount(dataDir: string, name = 'lan.nguyen', password = PASSWORD): Promise<void> {
  await new IocAccounts(dataDir).add(name, password);
}

/** The value of the `name` cookie an inject response sets, if any. */
export function cookieOf(res: { cookies: { name: string; value: string }[] }, name: string): string | undefined {
  return res.cookies.find((c) => c.name === name)?.value;
}

/** Opens the sign-in form: its token and the cookie that must come back with it. */
export async function openSignIn(app: FastifyInstance, remoteAddress = '127.0.0.1') {
  const page = await app.inject({ method: 'GET', url: '/ioc/sign-in', remoteAddress });
  const token = /name="signin" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { token, cookie: `ioc_signin=${cookieOf(page, 'ioc_signin') ?? ''}` };
}

/** Posts the sign-in form (with its token) and returns the response. */
export async function postSignIn(app: FastifyInstance, name: string, password: string, remoteAddress = '127.0.0.1') {
  const form = await openSignIn(app, remoteAddress);
  return app.inject({
    method: 'POST',
    url: '/ioc/sign-in',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({ name, password, signin: form.token }).toString(),
  });
}

/** Signs in; returns the session cookie header and the CSRF token of its forms. */
export async function signIn(app: FastifyInstance, name = 'lan.nguyen', password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const res = await postSignIn(app, name, password);
  if (res.statusCode !== 303) throw new Error(`sign-in failed with ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const cookie = `ioc_session=${cookieOf(res, 'ioc_session')}`;
  const page = await app.inject({ method: 'GET', url: '/ioc/', headers: { cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on the dashboard: ${page.statusCode} ${page.body.slice(0, 300)}`);
  return { cookie, csrf };
}

/** Posts a form of the dashboard. */
export function postForm(app: FastifyInstance, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}
