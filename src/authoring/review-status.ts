import type { HandbookEntry } from '../content/parse-entry.ts';

/** The date an entry must be reviewed again by. */
export function reviewDue(entry: HandbookEntry): Date {
  const due = new Date(entry.data.reviewedOn);
  due.setUTCMonth(due.getUTCMonth() + entry.data.reviewEvery);
  return due;
}

/** Published entries whose review date has passed, most overdue first. */
export function overdueEntries(entries: HandbookEntry[], today: Date): { entry: HandbookEntry; due: Date }[] {
  return entries
    .filter((e) => e.data.status === 'published')
    .map((entry) => ({ entry, due: reviewDue(entry) }))
    .filter(({ due }) => due < today)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/** Vietnamese entries with no English translation yet. */
export function untranslated(entries: HandbookEntry[]): HandbookEntry[] {
  const english = new Set(entries.filter((e) => e.lang === 'en').map((e) => e.data.id));
  return entries.filter((e) => e.lang === 'vi' && e.data.status === 'published' && !english.has(e.data.id));
}

/** Published entries whose `related` names a draft: the site leaves such links out until the draft is published. */
export function relatedToDrafts(entries: HandbookEntry[]): { entry: HandbookEntry; draft: string }[] {
  const drafts = new Set(entries.filter((e) => e.data.status === 'draft').map((e) => `${e.lang}:${e.data.id}`));
  return entries
    .filter((e) => e.data.status === 'published')
    .flatMap((entry) => entry.data.related.filter((id) => drafts.has(`${entry.lang}:${id}`)).map((draft) => ({ entry, draft })));
}
