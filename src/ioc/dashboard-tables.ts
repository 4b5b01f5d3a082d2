import { TOPIC_KEYS, topicLabel } from '../content/topics.ts';
import { questionsChart } from './bar-chart.ts';
import { percent, type Dashboard } from './dashboard.ts';
import { markup, type HtmlValue, type SafeHtml } from './html.ts';
import { both } from './ioc-pages.ts';
import { UTC_OFFSET_HOURS } from './period.ts';
import type { QuestionGroup } from './question-groups.ts';

/** Groups listed on the page (all of them are in the CSV). */
export const GROUPS_SHOWN = 100;

/** A log time (UTC) as Vietnam time, "2026-11-02 14:05". */
export function localTime(iso: string): string {
  return new Date(Date.parse(iso) + UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value * 10) / 10} ms`);

function entryLink(d: Dashboard, lang: string, id: string): SafeHtml {
  const e = d.entry(lang, id);
  if (!e) return markup`<code>${id}</code>`;
  return e.url
    ? markup`<a href="${e.url}" lang="${lang}">${e.title}</a>`
    : markup`<span lang="${lang}">${e.title}</span> <span class="hint">(${both('nháp', 'draft')})</span>`;
}

/** A dashboard table: its column headings, its rows, and what it says when there are none. */
function table(headings: SafeHtml[], rows: SafeHtml[], whenEmpty: SafeHtml): SafeHtml {
  return markup`<table class="ioc-table">
    <thead>
      <tr>
        ${headings.map((h) => markup`<th>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.length > 0 ? rows : markup`<tr><td colspan="${headings.length}" class="hint">${whenEmpty}</td></tr>`}
    </tbody>
  </table>`;
}

/** The overview: questions by outcome with their shares, answer times, votes and searches. */
export function overview(d: Dashboard): SafeHtml {
  const { totals: t, answerVotes: a, pageVotes: p, searches: s } = d.figures;
  const row = (measure: string, label: SafeHtml, value: HtmlValue) =>
    markup`<tr data-measure="${measure}">
      <th scope="row">${label}</th>
      <td>${value}</td>
    </tr>`;
  const share = (n: number) => markup`<span class="count">${n}</span> <span class="share">(${percent(n, t.questions)})</span>`;
  return markup`<table class="ioc-table ioc-figures">
    <tbody>
      ${row('questions', both('Câu hỏi', 'Questions'), markup`<span class="count">${t.questions}</span>`)}
      ${row('answered', both('Trả lời được', 'Answered'), share(t.answered))}
      ${row('no_confident_answer', both('Chưa có câu trả lời chắc chắn', 'No confident answer'), share(t.noConfidentAnswer))}
      ${row('no_match', both('Sổ tay chưa có mục nào', 'No match'), share(t.noMatch))}
      ${row('median_ms', both('Thời gian trả lời, trung vị', 'Median answer time'), ms(t.medianMs))}
      ${row('p95_ms', both('Thời gian trả lời, p95', '95th percentile answer time'), ms(t.p95Ms))}
      ${row('answer_votes', both('Đánh giá câu trả lời', 'Votes on answers'), markup`${both('có ích', 'helpful')} <span class="count">${a.helpful}</span> · ${both('không có ích', 'not helpful')} <span class="count">${a.notHelpful}</span>`)}
      ${row('page_votes', both('Đánh giá trang', 'Votes on pages'), markup`${both('có ích', 'helpful')} <span class="count">${p.helpful}</span> · ${both('không có ích', 'not helpful')} <span class="count">${p.notHelpful}</span>`)}
      ${row('searches', both('Tìm kiếm', 'Searches'), markup`<span class="count">${s.total}</span> · ${both('không thấy gì', 'found nothing')} <span class="count">${s.empty}</span>`)}
    </tbody>
  </table>`;
}

/** Questions per day: the chart, and the same numbers as a table under it. */
export function perDay(d: Dashboard): SafeHtml {
  const rows = d.figures.perDay.map(
    (r) =>
      markup`<tr>
        <td>${r.day}</td>
        <td>${r.questions}</td>
        <td>${r.answered}</td>
        <td>${r.noConfidentAnswer}</td>
        <td>${r.noMatch}</td>
      </tr>`,
  );
  return markup`${questionsChart(d.figures.perDay, { answered: 'trả lời được', unanswered: 'chưa trả lời được', title: 'Câu hỏi mỗi ngày' })}
    <details>
      <summary>${both('Bảng số liệu theo ngày', 'Numbers by day')}</summary>
      <table class="ioc-table">
        <thead>
          <tr>
            <th>${both('Ngày', 'Day')}</th>
            <th>${both('Câu hỏi', 'Questions')}</th>
            <th>${both('Trả lời được', 'Answered')}</th>
            <th>${both('Chưa chắc chắn', 'Not confident')}</th>
            <th>${both('Không có mục', 'No match')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </details>`;
}

function draftForm(d: Dashboard, g: QuestionGroup, csrf: string): SafeHtml {
  const covered = d.coveredBy(g);
  if (covered) {
    const state = covered.data.status === 'draft' ? both('nháp', 'draft') : both('đã đăng', 'published');
    return markup`<p class="ioc-covered">${both('Đã có trong sổ tay:', 'In the handbook:')} <code>${covered.file}</code> (${state})</p>`;
  }
  const suggested = d.suggestedTopic(g);
  const options = TOPIC_KEYS.map(
    (k) => markup`<option value="${k}" ${k === suggested ? markup` selected` : ''}>${topicLabel(k, 'vi')}</option>`,
  );
  const head = g.phrasings[0]?.text ?? '';
  return markup`<form class="ioc-draft" method="post" action="/ioc/draft">
    <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="group" value="${g.key}" />
    <input type="hidden" name="from" value="${d.period.from}" /><input type="hidden" name="to" value="${d.period.to}" />
    <label>${both('Câu hỏi của mục', 'Entry question')}
      <input name="question" type="text" required minlength="8" maxlength="200" value="${head.slice(0, 200)}" />
    </label>
    <label>${both('Chủ đề', 'Topic')}
      <select name="topic">${options}</select>
    </label>
    <button type="submit" class="secondary">${both('Soạn mục nháp', 'Draft an entry')}</button>
  </form>`;
}

/** The unanswered groups, each with its wordings, closest entries and the "draft an entry" form. */
export function unanswered(d: Dashboard, csrf: string): SafeHtml {
  const rows = d.groups.slice(0, GROUPS_SHOWN).map(
    (g) =>
      markup`<tr class="ioc-group" data-group="${g.key}">
        <td class="num">${g.count}</td>
        <td>
          <ul class="ioc-examples">
            ${g.phrasings.slice(0, 3).map((p) => markup`<li lang="${g.lang}"><q>${p.text}</q> <span class="hint">×${p.times}</span></li>`)}
          </ul>
          ${g.phrasings.length > 3 ? markup`<span class="hint">${both(`và ${g.phrasings.length - 3} cách hỏi khác`, `and ${g.phrasings.length - 3} more wordings`)}</span>` : ''}
        </td>
        <td>
          <ul class="ioc-closest">
            ${g.closest.map((id) => markup`<li>${entryLink(d, g.lang, id)}</li>`)}
          </ul>
        </td>
        <td>${localTime(g.lastAsked)}</td>
        <td>${draftForm(d, g, csrf)}</td>
      </tr>`,
  );
  const more =
    d.groups.length > GROUPS_SHOWN
      ? both(`Còn ${d.groups.length - GROUPS_SHOWN} nhóm nữa trong tệp CSV.`, `${d.groups.length - GROUPS_SHOWN} more groups in the CSV.`)
      : '';
  return markup`${table(
    [
      both('Số lần', 'Times'),
      both('Cách hỏi', 'Wordings'),
      both('Mục gần nhất', 'Closest entries'),
      both('Lần cuối', 'Last asked'),
      both('Soạn mục', 'Draft'),
    ],
    rows,
    both('Mọi câu hỏi trong thời gian này đều được trả lời.', 'Every question in this period was answered.'),
  )}
    ${more}`;
}

/** Entries rated not helpful, with the latest comments. */
export function notHelpful(d: Dashboard): SafeHtml {
  const rows = d.figures.notHelpful.map(
    (e) =>
      markup`<tr data-entry="${e.lang}:${e.id}">
        <td>${entryLink(d, e.lang, e.id)}</td>
        <td class="num">${e.answerNotHelpful}</td>
        <td class="num">${e.pageNotHelpful}</td>
        <td class="num">${e.answerHelpful + e.pageHelpful}</td>
        <td>
          <ul class="ioc-comments">
            ${e.comments.slice(0, 5).map((c) => markup`<li><span class="hint">${localTime(c.at)} · ${c.source === 'page' ? both('trang', 'page') : both('trả lời', 'answer')} · ${c.helpful ? '+' : '−'}</span> <q>${c.text}</q></li>`)}
          </ul>
        </td>
      </tr>`,
  );
  return table(
    [
      both('Mục', 'Entry'),
      both('Không có ích (trả lời)', 'Not helpful (answers)'),
      both('Không có ích (trang)', 'Not helpful (page)'),
      both('Có ích', 'Helpful'),
      both('Góp ý mới nhất', 'Latest comments'),
    ],
    rows,
    both('Chưa có đánh giá “không có ích” nào.', 'No “not helpful” votes.'),
  );
}

/** Procedures the handbook does not cover that officers asked about: candidates for new entries. */
export function uncovered(d: Dashboard): SafeHtml {
  const rows = d.figures.uncovered.map(
    (u) =>
      markup`<tr>
        <td>${u.procedure}</td>
        <td class="num">${u.times}</td>
        <td class="num">${u.communes}</td>
        <td>${localTime(u.lastAsked)}</td>
        <td><q>${u.example}</q></td>
      </tr>`,
  );
  return table(
    [
      both('Thủ tục', 'Procedure'),
      both('Số câu hỏi', 'Questions'),
      both('Số xã/phường', 'Communes'),
      both('Lần cuối', 'Last asked'),
      both('Câu hỏi gần nhất', 'Latest question'),
    ],
    rows,
    both('Không có câu hỏi nào về thủ tục sổ tay chưa có.', 'No question named a procedure the handbook does not cover.'),
  );
}

/** Searches that found nothing. */
export function emptySearches(d: Dashboard): SafeHtml {
  const rows = d.figures.emptySearches.map(
    (s) =>
      markup`<tr>
        <td lang="${s.lang}"><q>${s.query}</q></td>
        <td>${s.lang}</td>
        <td class="num">${s.times}</td>
        <td>${localTime(s.lastSearched)}</td>
      </tr>`,
  );
  return table(
    [both('Từ khóa', 'Query'), both('Ngôn ngữ', 'Language'), both('Số lần', 'Times'), both('Lần cuối', 'Last searched')],
    rows,
    both('Không có lượt tìm nào bị trống.', 'No search found nothing.'),
  );
}

/** Questions, unanswered share and searches per commune or ward. */
export function communes(d: Dashboard): SafeHtml {
  const rows = d.figures.communes.map((c) => {
    const name = c.commune === null ? both('Không chọn', 'Not chosen') : (d.communeNames.get(c.commune) ?? c.commune);
    return markup`<tr data-commune="${c.commune ?? ''}">
      <td>${name}</td>
      <td class="num">${c.questions}</td>
      <td class="num">${c.unanswered}</td>
      <td class="num">${percent(c.unanswered, c.questions)}</td>
      <td class="num">${c.searches}</td>
      <td class="num">${c.emptySearches}</td>
    </tr>`;
  });
  return table(
    [
      both('Xã/phường', 'Commune or ward'),
      both('Câu hỏi', 'Questions'),
      both('Chưa trả lời được', 'Unanswered'),
      both('Tỉ lệ chưa trả lời được', 'Unanswered share'),
      both('Tìm kiếm', 'Searches'),
      both('Không thấy gì', 'Found nothing'),
    ],
    rows,
    both('Chưa có câu hỏi hay lượt tìm nào.', 'No questions or searches yet.'),
  );
}

/** Entries due or overdue for review, by owner. */
export function review(d: Dashboard): SafeHtml {
  if (d.handbookProblem) return markup`<p class="ioc-error">${d.handbookProblem}</p>`;
  const rows = d.review.map(
    (r) =>
      markup`<tr class="${r.daysLeft < 0 ? 'overdue' : 'due'}">
        <td>${r.owner}</td>
        <td>${entryLink(d, r.lang, r.id)}</td>
        <td>${r.due}</td>
        <td>
          ${r.daysLeft < 0 ? both(`Quá hạn ${-r.daysLeft} ngày`, `${-r.daysLeft} days overdue`) : both(`Còn ${r.daysLeft} ngày`, `due in ${r.daysLeft} days`)}
        </td>
      </tr>`,
  );
  return table(
    [both('Phụ trách', 'Owner'), both('Mục', 'Entry'), both('Hạn rà soát', 'Review due'), both('Tình trạng', 'State')],
    rows,
    both('Không có mục nào đến hạn.', 'No entry is due.'),
  );
}

/** Open points (`openQuestions`), by owner. */
export function openPointsTable(d: Dashboard): SafeHtml {
  if (d.handbookProblem) return markup`<p class="ioc-error">${d.handbookProblem}</p>`;
  const rows = d.openPoints.map(
    (p) =>
      markup`<tr>
        <td>${p.owner}</td>
        <td>${entryLink(d, p.lang, p.id)}</td>
        <td>${p.status === 'draft' ? both('nháp', 'draft') : both('đã đăng', 'published')}</td>
        <td lang="${p.lang}">${p.point}</td>
      </tr>`,
  );
  return table(
    [both('Phụ trách', 'Owner'), both('Mục', 'Entry'), both('Trạng thái', 'Status'), both('Điểm cần xác nhận', 'Open point')],
    rows,
    both('Không có điểm nào cần xác nhận.', 'No open points.'),
  );
}
