import { openQuestionsByOwner } from '../authoring/publish-checks.ts';
import { reviewDue } from '../authoring/review-status.ts';
import type { HandbookEntry } from '../content/parse-entry.ts';
import { localDay } from './period.ts';

/** Days ahead the review list looks: entries due within them are listed with the overdue ones. */
export const REVIEW_LOOKAHEAD_DAYS = 30;

/** A published entry due or overdue for review. */
export interface ReviewItem {
  owner: string;
  lang: string;
  id: string;
  title: string;
  url: string;
  file: string;
  due: string;
  /** Days until the due date; negative when overdue. */
  daysLeft: number;
}

/** A point an entry's owner must still confirm (`openQuestions` in its frontmatter). */
export interface OpenPoint {
  owner: string;
  lang: string;
  id: string;
  title: string;
  status: 'draft' | 'published';
  file: string;
  point: string;
}

const DAY_MS = 86_400_000;
const byOwner = (a: { owner: string }, b: { owner: string }) => a.owner.localeCompare(b.owner, 'vi');

/**
 * Published entries whose review is due within {@link REVIEW_LOOKAHEAD_DAYS} days of `today` or overdue, by owner,
 * most urgent first (the review date is src/authoring/review-status.ts's).
 */
export function reviewQueue(entries: readonly HandbookEntry[], now: Date): ReviewItem[] {
  const today = Date.parse(`${localDay(now)}T00:00:00Z`);
  return entries
    .filter((e) => e.data.status === 'published')
    .map((e) => {
      const due = reviewDue(e);
      return {
        owner: e.data.owner,
        lang: e.lang,
        id: e.data.id,
        title: e.data.question,
        url: e.url,
        file: e.file,
        due: due.toISOString().slice(0, 10),
        daysLeft: Math.round((due.getTime() - today) / DAY_MS),
      };
    })
    .filter((r) => r.daysLeft <= REVIEW_LOOKAHEAD_DAYS)
    .sort((a, b) => byOwner(a, b) || a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
}

/** Open points of published and draft entries, by owner (src/authoring/publish-checks.ts). */
export function openPoints(entries: readonly HandbookEntry[]): OpenPoint[] {
  return [...openQuestionsByOwner([...entries])]
    .flatMap(([owner, items]) =>
      items.map(({ entry, question }) => ({
        owner,
        lang: entry.lang,
        id: entry.data.id,
        title: entry.data.question,
        status: entry.data.status,
        file: entry.file,
        point: question,
      })),
    )
    .sort((a, b) => byOwner(a, b) || a.id.localeCompare(b.id));
}
