import { ADD_USER_COMMAND } from './accounts.ts';
import { markup, type HtmlValue, type SafeHtml } from './html.ts';

/** Where the dashboard's own stylesheet is served (no session needed: it holds no data). */
export const IOC_STYLESHEET = '/ioc/assets/ioc.css';

/** What every dashboard page borrows from the site and knows about the person. */
export interface IocPageFrame {
  /** The built site's stylesheets (src/server/html-pages.ts `siteShell`), so the dashboard looks like the site. */
  stylesheets: readonly string[];
  /** The signed-in user and their session's CSRF token, for the sign-out button. */
  session?: { user: string; csrf: string } | undefined;
}

/** A label in Vietnamese with its English beside it, as the site names things in both. */
export function both(vi: string, en: string): SafeHtml {
  return markup`${vi} <span class="en" lang="en">/ ${en}</span>`;
}

/** The same as plain text, for messages that travel as strings (errors, the sign-in form's notice). */
export function bothText(vi: string, en: string): string {
  return `${vi} / ${en}`;
}

/** The page around a dashboard view: the site's header, the user and a sign-out button. */
export function iocPage(frame: IocPageFrame, title: string, main: HtmlValue): string {
  const links = [...frame.stylesheets, IOC_STYLESHEET].map((href) => markup`<link rel="stylesheet" href="${href}" />`);
  const user = frame.session
    ? markup`<form class="ioc-user" method="post" action="/ioc/sign-out">
        <span>${frame.session.user}</span>
        <input type="hidden" name="csrf" value="${frame.session.csrf}" />
        <button type="submit" class="secondary">${both('Đăng xuất', 'Sign out')}</button>
      </form>`
    : '';
  return markup`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · Tổ IOC</title>
        ${links}
      </head>
      <body class="ioc">
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href="/">Sổ tay hành chính công</a>
            <a class="ioc-home" href="/ioc/">${both('Bảng theo dõi IOC', 'IOC dashboard')}</a>${user}
          </div>
        </header>
        <main id="main" class="wrap ioc-main">${main}</main>
      </body>
    </html>
  `.text;
}

/** The sign-in form; `message` says why the last attempt failed. */
export function signInPage(frame: IocPageFrame, signinToken: string, message?: string, name = ''): string {
  return iocPage(
    frame,
    'Đăng nhập',
    markup`<h1>${both('Đăng nhập bảng theo dõi', 'Sign in to the dashboard')}</h1>
      <p>${both('Dành cho Tổ IOC tỉnh, người biên soạn sổ tay.', 'For the provincial IOC team, who write the handbook.')}</p>
      ${message ? markup`<p class="ioc-error" role="alert">${message}</p>` : ''}
      <form class="ioc-form" method="post" action="/ioc/sign-in">
        <input type="hidden" name="signin" value="${signinToken}" />
        <label for="ioc-name">${both('Tên đăng nhập', 'User name')}</label>
        <input id="ioc-name" name="name" type="text" autocomplete="username" required maxlength="40" value="${name}" />
        <label for="ioc-password">${both('Mật khẩu', 'Password')}</label>
        <input id="ioc-password" name="password" type="password" autocomplete="current-password" required maxlength="200" />
        <button type="submit">${both('Đăng nhập', 'Sign in')}</button>
      </form>`,
  );
}

/** What `/ioc/` says while no account exists: the dashboard is off, and the command that turns it on. */
export function dashboardOffPage(frame: IocPageFrame, problem?: string): string {
  return iocPage(
    frame,
    'Bảng theo dõi đang tắt',
    markup`<h1>${both('Bảng theo dõi IOC đang tắt', 'The IOC dashboard is off')}</h1>
      ${
        problem
          ? markup`<p class="ioc-error" role="alert">${problem}</p>`
          : markup`<p>
              ${both('Chưa có tài khoản nào.', 'No account exists yet.')}
              ${both('Trên máy chủ, trong thư mục dự án, tạo tài khoản đầu tiên bằng lệnh:', 'On the server, in the project folder, create the first account with:')}
            </p>`
      }
      <pre class="ioc-command"><code>${ADD_USER_COMMAND}</code></pre>
      <p>
        ${both('Lệnh hỏi mật khẩu hai lần (không hiện trên màn hình) rồi lưu vào thư mục dữ liệu. Sau đó tải lại trang này.', 'It asks for the password twice (not shown) and keeps it, hashed, in the data folder. Then reload this page.')}
      </p>`,
  );
}

/** A short page with one message and a way back (a refused action, an expired form). */
export function messagePage(frame: IocPageFrame, title: SafeHtml | string, message: HtmlValue, back = '/ioc/'): string {
  return iocPage(
    frame,
    typeof title === 'string' ? title : 'Tổ IOC',
    markup`<h1>${title}</h1>
      <div class="ioc-message">${message}</div>
      <p><a href="${back}">${both('Quay lại bảng theo dõi', 'Back to the dashboard')}</a></p>`,
  );
}
