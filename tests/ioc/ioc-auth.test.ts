import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IocAccounts, USERS_FILE } from '../../src/ioc/accounts.ts';
import { SIGNIN_ATTEMPTS } from '../../src/server/routes/ioc-auth.ts';
import { createTestApp, openFixtureState, type FixtureState } from '../support/app.ts';
import { addAccount, cookieOf, openSignIn, PASSWORD, postForm, postSignIn, signIn } from '../support/ioc.ts';

let fixture: FixtureState;
let app: FastifyInstance;

beforeAll(async () => {
  fixture = await openFixtureState();
});
afterAll(() => fixture?.cleanup());
afterEach(async () => {
  await app?.close();
  await rm(path.join(fixture.dataDir, USERS_FILE), { force: true });
});

describe('the IOC dashboard before any account exists', () => {
  it('says it is off and names the command that creates an account', async () => {
    app = await createTestApp(fixture);
    const res = await app.inject('/ioc/');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Bảng theo dõi IOC đang tắt');
    expect(res.body).toContain('npm run ioc:user -- add &#60;name&#62;');
    expect((await app.inject('/ioc/sign-in')).statusCode).toBe(503);
  });

  it('refuses its API with 401 and the same command', async () => {
    app = await createTestApp(fixture);
    const res = await app.inject('/api/ioc/figures');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: 'the IOC dashboard is off: no account exists; create one on the server with npm run ioc:user -- add <name>',
      },
    });
  });
});

describe('signing in to the IOC dashboard', () => {
  it('sends a visitor without a session to the sign-in page, and refuses the API with 401', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    for (const url of ['/ioc/', '/ioc/export/overview.csv', '/ioc/anything']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/ioc/sign-in');
    }
    const post = await postForm(app, '/ioc/draft', { csrf: 'x' });
    expect(post.statusCode).toBe(303);
    for (const url of ['/api/ioc/figures', '/api/ioc/anything']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'sign in at /ioc/ first: this API needs an IOC session' } });
    }
    const forged = await app.inject({ url: '/api/ioc/figures', headers: { cookie: 'ioc_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
  });

  it('signs in with the right password, with an HttpOnly, SameSite=Strict session cookie, and shows the dashboard', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    const form = await app.inject('/ioc/sign-in');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Đăng nhập bảng theo dõi');
    const res = await postSignIn(app, 'lan.nguyen', PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ioc/');
    const session = res.cookies.find((c) => c.name === 'ioc_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.secure).toBeFalsy();
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await app.inject({ url: '/ioc/', headers: { cookie: `ioc_session=${session.value}` } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Bảng theo dõi của Tổ IOC');
    expect(page.body).toContain('lan.nguyen');
    expect((await app.inject({ url: '/api/ioc/figures', headers: { cookie: `ioc_session=${session.value}` } })).statusCode).toBe(200);
  });

  it('marks the session cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture, { HANDBOOK_TRUST_PROXY: '127.0.0.1' });
    const form = await app.inject({ url: '/ioc/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    const token = /name="signin" value="([^"]+)"/.exec(form.body)![1]!;
    const res = await postForm(
      app,
      '/ioc/sign-in',
      { name: 'lan.nguyen', password: PASSWORD, signin: token },
      { cookie: `ioc_signin=${cookieOf(form, 'ioc_signin')}`, 'x-forwarded-proto': 'https' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.cookies.find((c) => c.name === 'ioc_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
  });

  it('refuses a wrong password or an unknown name with the same message', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    for (const [name, password] of [
      ['lan.nguyen', 'wrong password here'],
      ['nobody', PASSWORD],
    ] as const) {
      const res = await postSignIn(app, name, password);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng. / The user name or password is wrong.');
      expect(cookieOf(res, 'ioc_session')).toBeUndefined();
    }
  });

  it('refuses a sign-in form that did not come from its own page (no matching sign-in token)', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    const { token } = await openSignIn(app);
    const res = await postForm(app, '/ioc/sign-in', { name: 'lan.nguyen', password: PASSWORD, signin: token });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đăng nhập đã hết hạn; đăng nhập lại.');
    expect(cookieOf(res, 'ioc_session')).toBeUndefined();
  });

  it(`allows ${SIGNIN_ATTEMPTS} attempts per client in 15 minutes, then 429 with Retry-After, even with the right password`, async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    for (let i = 0; i < SIGNIN_ATTEMPTS; i++)
      expect((await postSignIn(app, `guess${i}`, 'wrong password here', '10.0.0.1')).statusCode).toBe(401);
    const blocked = await postSignIn(app, 'lan.nguyen', PASSWORD, '10.0.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(blocked.body).toContain(
      'Đăng nhập sai quá nhiều lần; chờ 15 phút rồi thử lại. / Too many sign-in attempts; wait 15 minutes and try again.',
    );
    expect(cookieOf(blocked, 'ioc_session')).toBeUndefined();
    // Another client is not held up by it.
    expect((await postSignIn(app, 'lan.nguyen', PASSWORD, '10.0.0.2')).statusCode).toBe(303);
  });

  it(`allows ${SIGNIN_ATTEMPTS} attempts per user name in 15 minutes, from whatever addresses`, async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    for (let i = 0; i < SIGNIN_ATTEMPTS; i++)
      expect((await postSignIn(app, 'lan.nguyen', 'wrong password here', `10.1.0.${i + 1}`)).statusCode).toBe(401);
    expect((await postSignIn(app, 'lan.nguyen', PASSWORD, '10.1.1.1')).statusCode).toBe(429);
  });

  it('signs out: the session cookie no longer opens anything', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    const { cookie, csrf } = await signIn(app);
    const out = await postForm(app, '/ioc/sign-out', { csrf }, { cookie });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/ioc/sign-in');
    expect((await app.inject({ url: '/ioc/', headers: { cookie } })).statusCode).toBe(303);
    expect((await app.inject({ url: '/api/ioc/figures', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends the sessions of an account removed while the service runs', async () => {
    await addAccount(fixture.dataDir);
    await addAccount(fixture.dataDir, 'minh.tran');
    app = await createTestApp(fixture);
    const { cookie } = await signIn(app, 'minh.tran');
    expect((await app.inject({ url: '/api/ioc/figures', headers: { cookie } })).statusCode).toBe(200);
    new IocAccounts(fixture.dataDir).remove('minh.tran');
    expect((await app.inject({ url: '/api/ioc/figures', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('a damaged accounts file', () => {
  it('turns the dashboard off without showing the server’s paths, and logs what is wrong', async () => {
    await writeFile(path.join(fixture.dataDir, USERS_FILE), '{"users": [');
    app = await createTestApp(fixture);
    const res = await app.inject('/ioc/');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain(
      'Không đọc được tệp tài khoản; xem nhật ký của dịch vụ. / The accounts file cannot be read; see the service&#39;s log.',
    );
    expect(res.body).not.toContain(fixture.dataDir);
  });
});

describe('actions of the IOC dashboard', () => {
  it('refuses a POST without the session’s CSRF token, with a wrong one, or from another site', async () => {
    await addAccount(fixture.dataDir);
    app = await createTestApp(fixture);
    const { cookie, csrf } = await signIn(app);
    for (const [fields, headers] of [
      [{}, {}],
      [{ csrf: 'x'.repeat(43) }, {}],
      [{ csrf }, { origin: 'https://evil.example' }],
    ] as const) {
      const res = await postForm(app, '/ioc/sign-out', fields, { cookie, ...headers });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(
        'Biểu mẫu này đã hết hạn hoặc không đến từ bảng theo dõi; tải lại trang rồi thử lại. / This form has expired or did not come from the dashboard; reload the page and try again.',
      );
      expect(res.body).not.toContain('&#60;');
    }
    // Still signed in: none of them acted.
    expect((await app.inject({ url: '/ioc/', headers: { cookie } })).statusCode).toBe(200);
    expect((await postForm(app, '/ioc/sign-out', { csrf }, { cookie, origin: 'http://localhost:80' })).statusCode).toBe(303);
  });

  it('serves its stylesheet without a session (it holds no data)', async () => {
    app = await createTestApp(fixture);
    const res = await app.inject('/ioc/assets/ioc.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
  });
});
