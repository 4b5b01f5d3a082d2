import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { localDay } from '../../src/ioc/period.ts';
import { QuestionLog } from '../../src/server/question-log.ts';
import { createTestApp, openFixtureState, type FixtureState } from '../support/app.ts';
import { addAccount, postForm, signIn } from '../support/ioc.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';
import { addDays, seedLog } from '../support/seeded-log.ts';

const FROM = '2026-11-01';
const TO = '2026-11-07';
const PERIOD = `from=${FROM}&to=${TO}`;

let fixture: FixtureState;
let handbookDir: string;
let log: QuestionLog;
let app: FastifyInstance;
let session: { cookie: string; csrf: string };

/** An entry whose review is overdue and one due in 10 days, both with open points, for the work queue. */
async function addWorkEntries(dir: string) {
  const dueSoon = new Date(`${localDay(new Date())}T00:00:00Z`);
  dueSoon.setUTCDate(dueSoon.getUTCDate() + 10);
  dueSoon.setUTCMonth(dueSoon.getUTCMonth() - 6);
  const entry = (id: string, question: string, reviewedOn: string, owner: string, open: string) => `---
id: ${id}
question: ${question}
aliases: [a one, a two, a three]
topic: land
tags: [đất đai, hòa giải]
owner: ${owner}
reviewedOn: ${reviewedOn}
openQuestions:
  - "${open}"
---

## Cần làm gì

Nội dung.
`;
  await writeFile(
    path.join(dir, 'vi/land/hoa-giai-dat.md'),
    entry(
      'hoa-giai-dat',
      'Hòa giải tranh chấp đất đai ở xã thế nào?',
      '2025-01-01',
      'Phòng Tư pháp',
      'Mức phí hòa giải: chờ Nghị quyết HĐND tỉnh',
    ),
    { flag: 'w' },
  );
  await writeFile(
    path.join(dir, 'vi/land/cap-so-do.md'),
    entry(
      'cap-so-do',
      'Cấp giấy chứng nhận quyền sử dụng đất lần đầu?',
      dueSoon.toISOString().slice(0, 10),
      'Tổ IOC tỉnh',
      'Thời hạn giải quyết sau sáp nhập xã',
    ),
    { flag: 'w' },
  );
}

beforeAll(async () => {
  fixture = await openFixtureState();
  handbookDir = await mkdtemp(path.join(tmpdir(), 'handbook-ioc-'));
  await cp(FIXTURE_HANDBOOK, handbookDir, { recursive: true });
  await mkdir(path.join(handbookDir, 'vi/land'), { recursive: true });
  await addWorkEntries(handbookDir);
  log = new QuestionLog(path.join(fixture.dataDir, 'seeded.sqlite'));
  seedLog(log, FROM);
  await addAccount(fixture.dataDir);
  app = await createTestApp({ config: (env) => ({ ...fixture.config(env), handbookDir }), state: fixture.state }, {}, undefined, {
    ...fixture.state,
    log,
  });
  session = await signIn(app);
});

afterAll(async () => {
  await app?.close();
  log?.close();
  await rm(handbookDir, { recursive: true, force: true });
  await fixture?.cleanup();
});

const get = (url: string) => app.inject({ url, headers: { cookie: session.cookie } });

/** Rows of a CSV file (RFC 4180), without its byte-order mark. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

async function csv(table: string) {
  const res = await get(`/ioc/export/${table}.csv?${PERIOD}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="ioc-${table}-${FROM}-${TO}.csv"`);
  return parseCsv(res.body);
}

const at = (day: number, hhmm: string) => new Date(`${addDays(FROM, day)}T${hhmm}:00+07:00`).toISOString();

describe('the dashboard’s figures for a seeded question log', () => {
  it('counts questions, outcomes and answer times exactly, with days in Vietnam time', async () => {
    const figures = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(figures.period).toEqual({ from: FROM, to: TO });
    expect(figures.totals).toEqual({ questions: 10, answered: 4, noConfidentAnswer: 3, noMatch: 3, medianMs: 40, p95Ms: 90 });
    expect(figures.perDay).toEqual([
      { day: '2026-11-01', questions: 4, answered: 3, noConfidentAnswer: 0, noMatch: 1 },
      { day: '2026-11-02', questions: 3, answered: 1, noConfidentAnswer: 2, noMatch: 0 },
      { day: '2026-11-03', questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 },
      { day: '2026-11-04', questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 },
      { day: '2026-11-05', questions: 3, answered: 0, noConfidentAnswer: 1, noMatch: 2 },
      { day: '2026-11-06', questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 },
      { day: '2026-11-07', questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 },
    ]);
    expect(figures.answerVotes).toEqual({ helpful: 1, notHelpful: 2 });
    expect(figures.pageVotes).toEqual({ helpful: 1, notHelpful: 2 });
    expect(figures.searches).toEqual({ total: 4, empty: 3 });
  });

  it('groups the unanswered questions by meaning, with their closest entries', async () => {
    const { groups } = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(groups).toEqual([
      {
        key: 'vi:lam ho chieu can gi',
        lang: 'vi',
        count: 3,
        phrasings: [
          { text: 'Làm hộ chiếu cần gì?', times: 2 },
          { text: 'Làm hộ chiếu cần những gì?', times: 1 },
        ],
        closest: ['dang-ky-khai-sinh', 'dang-ky-khai-tu'],
        lastAsked: at(4, '09:00'),
      },
      {
        key: 'vi:img src x onerror alert 1',
        lang: 'vi',
        count: 1,
        phrasings: [{ text: '<img src=x onerror=alert(1)>', times: 1 }],
        closest: [],
        lastAsked: at(4, '11:00'),
      },
      {
        key: 'vi:script alert 1 script',
        lang: 'vi',
        count: 1,
        phrasings: [{ text: '<script>alert(1)</script>', times: 1 }],
        closest: [],
        lastAsked: at(4, '10:00'),
      },
      {
        key: 'vi:gia vang hom nay',
        lang: 'vi',
        count: 1,
        phrasings: [{ text: 'Giá vàng hôm nay', times: 1 }],
        closest: [],
        lastAsked: at(0, '11:00'),
      },
    ]);
  });

  it('lists the entries rated not helpful, with their comments, and the searches that found nothing', async () => {
    const figures = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(figures.notHelpful).toEqual([
      { lang: 'vi', id: 'chung-thuc-ban-sao', answerHelpful: 0, answerNotHelpful: 1, pageHelpful: 0, pageNotHelpful: 1, comments: [] },
      {
        lang: 'vi',
        id: 'dang-ky-khai-tu',
        answerHelpful: 1,
        answerNotHelpful: 1,
        pageHelpful: 0,
        pageNotHelpful: 1,
        comments: [
          { at: at(2, '08:00'), source: 'page', helpful: false, text: '<script>alert(3)</script>' },
          { at: at(0, '08:05'), source: 'answer', helpful: false, text: '<img src=x onerror=alert(2)>' },
        ],
      },
    ]);
    expect(figures.emptySearches).toEqual([
      { normalized: 'ho chieu', query: 'Hộ chiếu', lang: 'vi', times: 2, lastSearched: at(3, '09:00') },
      { normalized: 'script x script', query: '<script>x</script>', lang: 'vi', times: 1, lastSearched: at(3, '11:00') },
    ]);
  });

  it('counts the procedures the handbook does not cover that questions named, with the latest question', async () => {
    const { uncovered } = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(uncovered).toEqual([
      { procedure: 'Cấp hộ chiếu phổ thông', times: 3, communes: 1, lastAsked: at(4, '09:00'), example: 'Làm hộ chiếu cần những gì?' },
    ]);
  });

  it('compares communes by questions, unanswered share and searches, never by person', async () => {
    const { communes } = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(communes).toEqual([
      { commune: 'xa-an-binh', questions: 2, unanswered: 2, searches: 0, emptySearches: 0 },
      { commune: 'phuong-bac-son', questions: 1, unanswered: 1, searches: 1, emptySearches: 1 },
      { commune: null, questions: 7, unanswered: 3, searches: 3, emptySearches: 2 },
    ]);
  });

  it('lists the entries due or overdue for review and the open points, by owner', async () => {
    const { review, openPoints } = (await get(`/api/ioc/figures?${PERIOD}`)).json();
    expect(
      review.map((r: { owner: string; id: string; daysLeft: number }) => [r.owner, r.id, r.daysLeft < 0 ? 'overdue' : r.daysLeft]),
    ).toEqual([
      ['Phòng Tư pháp', 'hoa-giai-dat', 'overdue'],
      ['Tổ IOC tỉnh', 'cap-so-do', 10],
    ]);
    expect(openPoints.map((p: { owner: string; id: string; point: string }) => [p.owner, p.id, p.point])).toEqual([
      ['Phòng Tư pháp', 'hoa-giai-dat', 'Mức phí hòa giải: chờ Nghị quyết HĐND tỉnh'],
      ['Tổ IOC tỉnh', 'cap-so-do', 'Thời hạn giải quyết sau sáp nhập xã'],
    ]);
  });
});

describe('the dashboard page and its CSV files', () => {
  it('shows the same figures as the log, and a bar per day in the chart', async () => {
    const res = await get(`/ioc/?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    // Layout whitespace between tags aside.
    const page = { body: res.body.replace(/>\s*\n\s*</g, '><') };
    const measure = (name: string) =>
      new RegExp(`data-measure="${name}"><th[^>]*>.*?</th><td>(.*?)</td>`).exec(page.body)?.[1]?.replace(/<[^>]+>/g, '');
    expect(measure('questions')).toBe('10');
    expect(measure('answered')).toBe('4 (40.0%)');
    expect(measure('no_confident_answer')).toBe('3 (30.0%)');
    expect(measure('no_match')).toBe('3 (30.0%)');
    expect(measure('median_ms')).toBe('40 ms');
    expect(measure('p95_ms')).toBe('90 ms');
    const bars = [...page.body.matchAll(/<g class="chart-day" data-day="([\d-]+)" data-questions="(\d+)">/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(bars).toEqual([
      ['2026-11-01', 4],
      ['2026-11-02', 3],
      ['2026-11-03', 0],
      ['2026-11-04', 0],
      ['2026-11-05', 3],
      ['2026-11-06', 0],
      ['2026-11-07', 0],
    ]);
    expect([...page.body.matchAll(/<tr class="ioc-group" data-group="[^"]*"><td class="num">(\d+)</g)].map((m) => Number(m[1]))).toEqual([
      3, 1, 1, 1,
    ]);
    expect(page.body).toMatch(
      /<tr data-commune="xa-an-binh"><td>Xã An Bình<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">100.0%<\/td>/,
    );
  });

  it('shows questions and comments as text, never as markup', async () => {
    const page = (await get(`/ioc/?${PERIOD}`)).body;
    expect(page).not.toMatch(/<script>alert|<img src=x|<script>x/);
    expect(page).toContain('<q>&#60;script&#62;alert(1)&#60;/script&#62;</q>');
    expect(page).toContain('<q>&#60;img src=x onerror=alert(1)&#62;</q>');
    expect(page).toContain('<q>&#60;img src=x onerror=alert(2)&#62;</q>');
    expect(page).toContain('<q>&#60;script&#62;alert(3)&#60;/script&#62;</q>');
    expect(page).toContain('<q>&#60;script&#62;x&#60;/script&#62;</q>');
    expect(page).not.toContain('<script');
  });

  it('exports every table as CSV with the numbers the page shows', async () => {
    expect(await csv('overview')).toEqual([
      ['measure', 'value'],
      ['from', FROM],
      ['to', TO],
      ['questions', '10'],
      ['answered', '4'],
      ['no_confident_answer', '3'],
      ['no_match', '3'],
      ['answered_share', '40.0%'],
      ['no_confident_answer_share', '30.0%'],
      ['no_match_share', '30.0%'],
      ['median_ms', '40'],
      ['p95_ms', '90'],
      ['answer_votes_helpful', '1'],
      ['answer_votes_not_helpful', '2'],
      ['page_votes_helpful', '1'],
      ['page_votes_not_helpful', '2'],
      ['searches', '4'],
      ['searches_found_nothing', '3'],
    ]);
    const perDay = await csv('per-day');
    expect(perDay[0]).toEqual(['day', 'questions', 'answered', 'no_confident_answer', 'no_match']);
    expect(perDay.slice(1).map((r) => Number(r[1]))).toEqual([4, 3, 0, 0, 3, 0, 0]);
    const unanswered = await csv('unanswered');
    expect(unanswered.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['3', 'Làm hộ chiếu cần gì? (2) | Làm hộ chiếu cần những gì? (1)'],
      ['1', '<img src=x onerror=alert(1)> (1)'],
      ['1', '<script>alert(1)</script> (1)'],
      ['1', 'Giá vàng hôm nay (1)'],
    ]);
    expect(unanswered[1]![4]).toBe(
      'dang-ky-khai-sinh (Đăng ký khai sinh cho trẻ cần chuẩn bị gì?) | dang-ky-khai-tu (Đăng ký khai tử cần những giấy tờ gì?)',
    );
    expect((await csv('uncovered')).slice(1)).toEqual([['Cấp hộ chiếu phổ thông', '3', '1', at(4, '09:00'), 'Làm hộ chiếu cần những gì?']]);
    expect((await csv('not-helpful')).slice(1).map((r) => r.slice(1, 7))).toEqual([
      ['chung-thuc-ban-sao', 'Chứng thực bản sao từ bản chính thu phí bao nhiêu?', '1', '1', '0', '0'],
      ['dang-ky-khai-tu', 'Đăng ký khai tử cần những giấy tờ gì?', '1', '1', '1', '0'],
    ]);
    expect((await csv('empty-searches')).slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['Hộ chiếu', 'vi', '2'],
      ['<script>x</script>', 'vi', '1'],
    ]);
    expect((await csv('communes')).slice(1)).toEqual([
      ['xa-an-binh', 'Xã An Bình', '2', '2', '100.0%', '0', '0'],
      ['phuong-bac-son', 'Phường Bắc Sơn', '1', '1', '100.0%', '1', '1'],
      ['', '', '7', '3', '42.9%', '3', '2'],
    ]);
    expect((await csv('review')).slice(1).map((r) => r[2])).toEqual(['hoa-giai-dat', 'cap-so-do']);
    expect((await csv('open-points')).slice(1).map((r) => r[5])).toEqual([
      'Mức phí hòa giải: chờ Nghị quyết HĐND tỉnh',
      'Thời hạn giải quyết sau sáp nhập xã',
    ]);
  });

  it('links every table to its CSV for the period shown', async () => {
    const page = (await get(`/ioc/?${PERIOD}`)).body;
    const links = [...page.matchAll(/href="\/ioc\/export\/([\w-]+)\.csv\?from=([\d-]+)&#38;to=([\d-]+)"/g)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    expect(links).toEqual(
      ['overview', 'per-day', 'unanswered', 'uncovered', 'not-helpful', 'empty-searches', 'communes', 'review', 'open-points'].map(
        (t) => `${t} ${FROM} ${TO}`,
      ),
    );
  });

  it('says what is wrong with a period it cannot show, and shows the last 30 days instead', async () => {
    const page = await get('/ioc/?from=2026-11-07&to=2026-11-01');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('the period starts (2026-11-07) after it ends (2026-11-01); swap the dates');
    const api = await get('/api/ioc/figures?from=2026-02-30');
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toMatch(/^"from" is "2026-02-30"; write a date as YYYY-MM-DD/);
  });
});

describe('drafting an entry from an unanswered group', () => {
  const draft = (fields: Record<string, string>, url = '/ioc/draft') =>
    postForm(
      app,
      url,
      {
        csrf: session.csrf,
        group: 'vi:lam ho chieu can gi',
        from: FROM,
        to: TO,
        topic: 'other',
        question: 'Làm hộ chiếu cần giấy tờ gì?',
        ...fields,
      },
      { cookie: session.cookie },
    );

  it('writes a status: draft entry with the officers’ wordings as aliases, which the handbook accepts', async () => {
    const res = await draft({});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Đã ghi handbook-ioc-');
    const file = path.join(handbookDir, 'vi/other/lam-ho-chieu.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain(
      'question: "Làm hộ chiếu cần giấy tờ gì?"\naliases:\n  - "Làm hộ chiếu cần gì?"\n  - "Làm hộ chiếu cần những gì?"\nsearchPhrases: []\ntopic: other\n',
    );
    expect(text).toContain('status: draft');
    const { byId } = await loadHandbook({ dir: handbookDir, includeDrafts: true });
    expect(byId.get('vi:lam-ho-chieu')?.data).toMatchObject({
      status: 'draft',
      aliases: ['Làm hộ chiếu cần gì?', 'Làm hộ chiếu cần những gì?'],
    });

    // The group now names its draft instead of offering another.
    expect((await get(`/ioc/?${PERIOD}`)).body).toMatch(/Đã có trong sổ tay:.*<code>handbook-ioc-\w+\/vi\/other\/lam-ho-chieu\.md<\/code>/);

    const again = await draft({});
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already asks “Làm hộ chiếu cần giấy tờ gì?”');
  });

  it('refuses a draft without the session’s CSRF token, and writes nothing', async () => {
    const res = await draft({ csrf: 'x'.repeat(43), question: 'Xin cấp hộ chiếu phổ thông ở đâu?' });
    expect(res.statusCode).toBe(403);
    await expect(readFile(path.join(handbookDir, 'vi/other/xin-cap-ho-chieu-pho-thong.md'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('offers the Markdown to download where the handbook folder cannot be written', async () => {
    // A file where the topic folder should be: the service cannot create the draft there.
    await writeFile(path.join(handbookDir, 'vi/reception-results'), 'not a folder');
    const res = await draft({ topic: 'reception-results', question: 'Trả hộ chiếu cho công dân ở đâu?' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Không ghi được vào thư mục sổ tay');
    expect(res.body).toContain('action="/ioc/draft.md"');
    const download = await draft({ topic: 'reception-results', question: 'Trả hộ chiếu cho công dân ở đâu?' }, '/ioc/draft.md');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(download.headers['content-disposition']).toBe('attachment; filename="tra-ho-chieu-cho-cong-dan.md"');
    expect(download.body).toContain('status: draft');
    expect(download.body).toContain('  - "Làm hộ chiếu cần gì?"');
  });

  it('says so when the group is no longer in the period', async () => {
    const res = await draft({ group: 'vi:khong co nhom nay' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Nhóm câu hỏi này không còn trong khoảng thời gian đã chọn');
  });
});
