import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'astro/zod';
import type { Commune } from '../../content/communes.ts';
import { toCsv } from '../../ioc/csv.ts';
import { dashboardPage } from '../../ioc/dashboard-page.ts';
import { buildDashboard, dashboardTable, isTopic, TABLES, type Dashboard, type TableName } from '../../ioc/dashboard.ts';
import { DraftRefused, prepareDraft, writeDraft, type Draft } from '../../ioc/draft-entry.ts';
import { markup } from '../../ioc/html.ts';
import { both, bothText, IOC_STYLESHEET, messagePage } from '../../ioc/ioc-pages.ts';
import { parsePeriod, type Period } from '../../ioc/period.ts';
import { ApiError } from '../api-error.ts';
import type { ServiceState } from '../ask-handbook.ts';
import { frameOf, sessionOf, type IocContext } from './ioc-auth.ts';

/** What the dashboard reads besides the session. */
export interface IocDashboardOptions {
  getState: () => ServiceState;
  handbookDir: string;
  communes: readonly Commune[];
  /** The clock (tests move it). */
  now: () => Date;
}

const STYLESHEET = readFileSync(new URL('../../ioc/ioc.css', import.meta.url));

const PeriodQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() }).loose();
const DraftForm = z
  .object({
    group: z.string().max(2000),
    from: z.string().max(40),
    to: z.string().max(40),
    question: z.string().max(1000),
    topic: z.string().max(60),
  })
  .loose();

/**
 * The dashboard itself, behind the guard of ioc-auth.ts: the page for a period (`/ioc/?from=&to=`), each table as
 * CSV (`/ioc/export/<table>.csv`), the same figures as JSON (`/api/ioc/figures`), and "draft an entry"
 * (`POST /ioc/draft`, or `/ioc/draft.md` to download the Markdown where the handbook folder cannot be written).
 */
export function registerIocDashboard(ioc: FastifyInstance, ctx: IocContext, options: IocDashboardOptions): void {
  const { getState, handbookDir, communes, now } = options;
  const sources = () => {
    const state = getState();
    return { log: state.log, handbookDir, served: state.search.entries, communes, now: now() };
  };
  /** The period a request asks for; a bad one falls back to the default with the reason. */
  const periodOf = (query: unknown): { period: Period; error?: string } => {
    const q = PeriodQuery.safeParse(query).data ?? {};
    const asked = parsePeriod(q, now());
    if (!('error' in asked)) return { period: asked };
    return { period: parsePeriod({}, now()) as Period, error: asked.error };
  };

  ioc.get(IOC_STYLESHEET, { config: { public: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );

  ioc.get('/ioc/', async (request, reply) => {
    const { period, error } = periodOf(request.query);
    const dashboard = await buildDashboard(sources(), period);
    const session = sessionOf(request);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(dashboardPage({ stylesheets: ctx.stylesheets, session: { user: session.user, csrf: session.csrf } }, dashboard, error));
  });

  ioc.get('/ioc/export/:file', async (request, reply) => {
    const name = (request.params as { file: string }).file.replace(/\.csv$/, '');
    if (!(TABLES as readonly string[]).includes(name))
      throw new ApiError('not_found', `no table "${name}"; the tables are ${TABLES.join(', ')}`);
    const { period, error } = periodOf(request.query);
    if (error) throw new ApiError('invalid_request', error);
    const dashboard = await buildDashboard(sources(), period);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="ioc-${name}-${period.from}-${period.to}.csv"`)
      .send(toCsv(dashboardTable(dashboard, name as TableName)));
  });

  ioc.get('/api/ioc/figures', async (request) => {
    const { period, error } = periodOf(request.query);
    if (error) throw new ApiError('invalid_request', error);
    const d = await buildDashboard(sources(), period);
    const { unanswered: _, ...figures } = d.figures;
    return { period: { from: period.from, to: period.to }, ...figures, groups: d.groups, review: d.review, openPoints: d.openPoints };
  });

  /** The draft a form asks for, from the group as the log shows it now. */
  const draftOf = async (request: FastifyRequest): Promise<{ draft: Draft; dashboard: Dashboard }> => {
    const form = DraftForm.safeParse(request.body);
    if (!form.success || !isTopic(form.data.topic))
      throw new ApiError(
        'invalid_request',
        bothText(
          'Biểu mẫu soạn mục thiếu thông tin; tải lại bảng theo dõi rồi thử lại.',
          'The draft form is incomplete; reload the dashboard and try again.',
        ),
      );
    const period = parsePeriod({ from: form.data.from, to: form.data.to }, now());
    if ('error' in period) throw new ApiError('invalid_request', period.error);
    const dashboard = await buildDashboard(sources(), period);
    const group = dashboard.groups.find((g) => g.key === form.data.group);
    if (!group)
      throw new ApiError(
        'not_found',
        bothText(
          'Nhóm câu hỏi này không còn trong khoảng thời gian đã chọn; tải lại bảng theo dõi.',
          'This group of questions is no longer in the chosen period; reload the dashboard.',
        ),
      );
    try {
      return {
        draft: prepareDraft({
          group,
          question: form.data.question,
          topic: form.data.topic,
          today: now(),
          handbookDir,
          entries: dashboard.entries,
        }),
        dashboard,
      };
    } catch (e) {
      if (e instanceof DraftRefused) throw new ApiError('invalid_request', e.message);
      throw e;
    }
  };

  ioc.post('/ioc/draft', async (request, reply) => {
    const { draft } = await draftOf(request);
    let outcome;
    try {
      outcome = await writeDraft(draft);
    } catch (e) {
      if (e instanceof DraftRefused) throw new ApiError('invalid_request', e.message);
      throw e;
    }
    const frame = frameOf(ctx, request);
    const preview = markup`<pre class="ioc-draft-text"><code>${draft.text}</code></pre>`;
    reply.type('text/html; charset=utf-8');
    if (outcome.written) {
      request.log.info({ iocUser: sessionOf(request).user, file: draft.shown }, 'IOC dashboard drafted an entry');
      return reply.send(
        messagePage(
          frame,
          both('Đã soạn mục nháp', 'Draft written'),
          markup`<p class="ioc-ok">${both(`Đã ghi ${draft.shown} (status: draft).`, `Wrote ${draft.shown} (status: draft).`)}</p>
            <p>
              ${both('Viết nội dung các phần, đặt status: published, rồi chạy npm run check.', 'Fill in the sections, set status: published, then run npm run check.')}
            </p>
            ${preview}`,
        ),
      );
    }
    const body = request.body as Record<string, string>;
    const hidden = ['csrf', 'group', 'from', 'to', 'question', 'topic'].map(
      (k) => markup`<input type="hidden" name="${k}" value="${body[k] ?? ''}" />`,
    );
    return reply.code(409).send(
      messagePage(
        frame,
        both('Không ghi được vào thư mục sổ tay', 'The handbook folder cannot be written'),
        markup`<p class="ioc-error">
            ${both(`Dịch vụ không ghi được ${draft.shown}`, `The service cannot write ${draft.shown}`)} (${outcome.reason}).
          </p>
          <p>
            ${both('Tải tệp Markdown về rồi đặt vào đúng chỗ trong thư mục sổ tay:', 'Download the Markdown and put it in place in the handbook folder:')}
            <code>${draft.shown}</code>
          </p>
          <form method="post" action="/ioc/draft.md">
            ${hidden}<button type="submit">${both('Tải tệp Markdown', 'Download the Markdown')}</button>
          </form>
          ${preview}`,
      ),
    );
  });

  ioc.post('/ioc/draft.md', async (request, reply: FastifyReply) => {
    const { draft } = await draftOf(request);
    return reply
      .type('text/markdown; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${draft.slug}.md"`)
      .send(draft.text);
  });
}
