import { normalizeForLog, type LoggedQuestion, type QuestionLog } from '../../src/server/question-log.ts';

/**
 * A question log with known contents, over the week starting `firstDay` (Vietnam time): 10 questions inside it
 * (4 answered, 3 without a confident answer, 3 without a match; answer times 5 to 90 ms), 2 just outside it, votes
 * on answers and pages, searches, and communes. The three passport questions name a procedure the handbook does not
 * cover, as the service logs them. tests/ioc/dashboard.test.ts spells out every figure it makes.
 */
export function seedLog(log: QuestionLog, firstDay: string): void {
  const at = (day: number, hhmm: string) => new Date(`${addDays(firstDay, day)}T${hhmm}:00+07:00`);
  const q = (
    question: string,
    status: LoggedQuestion['status'],
    latencyMs: number,
    topIds: string[],
    commune?: string,
    uncovered?: string,
  ): LoggedQuestion => ({
    question,
    normalized: normalizeForLog(question),
    lang: 'vi',
    status,
    topIds,
    confidence: status === 'answered' ? 0.9 : 0.2,
    latencyMs,
    mode: 'lexical',
    commune,
    uncovered,
  });
  const record = (question: LoggedQuestion, when: Date) => log.record(question, when)!;

  // Outside the week: the minute before it starts and the first minute after it ends.
  record(q('Đăng ký khai tử ở đâu?', 'answered', 1, ['dang-ky-khai-tu']), at(-1, '23:59'));
  record(q('Đăng ký khai tử ở đâu?', 'answered', 999, ['dang-ky-khai-tu']), at(7, '00:00'));

  // Day 1: three answered, one without a match.
  const a1 = record(q('Làm giấy chứng tử cần những gì?', 'answered', 10, ['dang-ky-khai-tu', 'dang-ky-khai-sinh']), at(0, '08:00'));
  const a2 = record(q('Khai tử cần giấy tờ gì?', 'answered', 20, ['dang-ky-khai-tu']), at(0, '09:00'));
  const a3 = record(q('Chứng thực bản sao bao nhiêu tiền?', 'answered', 30, ['chung-thuc-ban-sao']), at(0, '10:00'));
  record(q('Giá vàng hôm nay', 'no_match', 5, []), at(0, '11:00'));
  // Day 2: answered at 00:30 Vietnam time (17:30 UTC the day before), two passport questions.
  record(q('Đăng ký khai sinh cần gì?', 'answered', 40, ['dang-ky-khai-sinh']), at(1, '00:30'));
  const passport = 'Cấp hộ chiếu phổ thông';
  record(
    q('Làm hộ chiếu cần gì?', 'no_confident_answer', 50, ['dang-ky-khai-sinh', 'dang-ky-khai-tu'], 'xa-an-binh', passport),
    at(1, '09:00'),
  );
  record(
    q('lam ho chieu can gi', 'no_confident_answer', 60, ['dang-ky-khai-sinh', 'dang-ky-khai-tu'], undefined, passport),
    at(1, '10:00'),
  );
  // Day 5: a third passport question and two that try to inject markup.
  record(q('Làm hộ chiếu cần những gì?', 'no_confident_answer', 70, ['dang-ky-khai-sinh'], 'xa-an-binh', passport), at(4, '09:00'));
  record(q('<script>alert(1)</script>', 'no_match', 80, []), at(4, '10:00'));
  record(q('<img src=x onerror=alert(1)>', 'no_match', 90, [], 'phuong-bac-son'), at(4, '11:00'));

  // Votes on answers: one per answer, the last one counts.
  log.recordFeedback(a1.feedbackToken, false, '<img src=x onerror=alert(2)>', at(0, '08:05'));
  log.recordFeedback(a2.feedbackToken, true, undefined, at(0, '09:05'));
  log.recordFeedback(a3.feedbackToken, true, 'Rõ ràng', at(0, '10:05'));
  log.recordFeedback(a3.feedbackToken, false, undefined, at(0, '10:06'));
  // Votes on entry pages.
  log.recordPageFeedback({ entryId: 'dang-ky-khai-tu', lang: 'vi', helpful: false, comment: '<script>alert(3)</script>' }, at(2, '08:00'));
  log.recordPageFeedback({ entryId: 'chung-thuc-ban-sao', lang: 'vi', helpful: false }, at(2, '09:00'));
  log.recordPageFeedback({ entryId: 'dang-ky-khai-sinh', lang: 'vi', helpful: true }, at(2, '10:00'));
  // Searches: "hộ chiếu" twice (two spellings) and a script found nothing.
  log.recordSearch({ query: 'Hộ chiếu', results: 0, lang: 'vi' }, at(3, '08:00'));
  log.recordSearch({ query: 'ho chieu', results: 0, lang: 'vi' }, at(3, '09:00'));
  log.recordSearch({ query: 'khai tu', results: 3, lang: 'vi' }, at(3, '10:00'));
  log.recordSearch({ query: '<script>x</script>', results: 0, lang: 'vi', commune: 'phuong-bac-son' }, at(3, '11:00'));
}

/** `day` plus `n` days, as YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
