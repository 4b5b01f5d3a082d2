import type { Dashboard, TableName } from './dashboard.ts';
import {
  communes,
  emptySearches,
  notHelpful,
  openPointsTable,
  overview,
  perDay,
  review,
  unanswered,
  uncovered,
} from './dashboard-tables.ts';
import { markup, type HtmlValue, type SafeHtml } from './html.ts';
import { both, iocPage, type IocPageFrame } from './ioc-pages.ts';
import { UTC_OFFSET_HOURS } from './period.ts';

/** One section: a heading, its content and the link that exports its table as CSV. */
function section(d: Dashboard, id: TableName, title: SafeHtml, content: HtmlValue, note?: HtmlValue): SafeHtml {
  const csv = `/ioc/export/${id}.csv?from=${d.period.from}&to=${d.period.to}`;
  return markup`<section class="ioc-section" id="${id}" aria-labelledby="${id}-heading">
    <div class="ioc-section-head">
      <h2 id="${id}-heading">${title}</h2>
      <a class="ioc-csv" href="${csv}" download>${both('Tải CSV', 'Download CSV')}</a>
    </div>
    ${note ? markup`<p class="hint">${note}</p>` : ''}${content}
  </section>`;
}

function periodForm(d: Dashboard, error?: string): SafeHtml {
  return markup`<form class="ioc-period" method="get" action="/ioc/">
      <label>${both('Từ ngày', 'From')} <input type="date" name="from" value="${d.period.from}" required /></label>
      <label>${both('Đến ngày', 'To')} <input type="date" name="to" value="${d.period.to}" required /></label>
      <button type="submit">${both('Xem', 'Show')}</button>
    </form>
    ${error ? markup`<p class="ioc-error" role="alert">${error}</p>` : ''}
    <p class="hint">
      ${both(`Ngày tính theo giờ Việt Nam (UTC+${UTC_OFFSET_HOURS}). Số liệu lấy trực tiếp từ nhật ký câu hỏi.`, `Days in Vietnam time (UTC+${UTC_OFFSET_HOURS}). Figures come straight from the question log.`)}
    </p>`;
}

/** The dashboard of a period as a page; every officer-written text goes through the escaping `markup` tag. */
export function dashboardPage(
  frame: IocPageFrame & { session: { user: string; csrf: string } },
  d: Dashboard,
  periodError?: string,
): string {
  return iocPage(
    frame,
    'Bảng theo dõi IOC',
    markup`<h1>${both('Bảng theo dõi của Tổ IOC', 'IOC team dashboard')}</h1>
      <p class="lead">${both(`Từ ${d.period.from} đến ${d.period.to}`, `${d.period.from} to ${d.period.to}`)}</p>
      ${periodForm(d, periodError)} ${section(d, 'overview', both('Tổng quan', 'Overview'), overview(d))}
      ${section(d, 'per-day', both('Câu hỏi mỗi ngày', 'Questions per day'), perDay(d))}
      ${section(d, 'unanswered', both('Câu hỏi chưa được trả lời, theo nhóm nghĩa', 'Unanswered questions, grouped by meaning'), unanswered(d, frame.session.csrf), both('Nhóm theo từ ngữ gần giống nhau. “Soạn mục nháp” ghi một mục status: draft vào thư mục sổ tay, lấy các cách hỏi làm aliases.', 'Grouped by near-identical wording. “Draft an entry” writes a status: draft entry into the handbook folder, with the wordings as aliases.'))}
      ${section(d, 'uncovered', both('Thủ tục sổ tay chưa có mà cán bộ hỏi', 'Procedures the handbook does not cover that officers asked about'), uncovered(d), both('Câu hỏi nêu một thủ tục mà thuật ngữ đánh dấu notCovered. Viết mục cho thủ tục được hỏi nhiều, rồi bỏ notCovered trong handbook/glossary.yaml.', 'Questions naming a procedure the glossary marks notCovered. Write entries for the most asked, then remove notCovered in handbook/glossary.yaml.'))}
      ${section(d, 'not-helpful', both('Mục bị đánh giá “không có ích” nhiều nhất', 'Entries most often rated not helpful'), notHelpful(d))}
      ${section(d, 'empty-searches', both('Tìm mà không thấy gì', 'Searched and found nothing'), emptySearches(d))}
      ${section(d, 'communes', both('Theo xã/phường', 'By commune or ward'), communes(d), both('Chỉ tính theo xã/phường cán bộ tự chọn; không lưu thông tin về người hỏi.', 'Counted by the commune an officer chose, if any; nothing about the person is kept.'))}
      ${section(d, 'review', both('Mục đến hạn hoặc quá hạn rà soát', 'Entries due or overdue for review'), review(d), both('Mục đã đăng có hạn rà soát trong 30 ngày tới hoặc đã qua, theo người phụ trách.', 'Published entries due within 30 days or overdue, by owner.'))}
      ${section(d, 'open-points', both('Điểm cần xác nhận, theo người phụ trách', 'Open points, by owner'), openPointsTable(d))}`,
  );
}
