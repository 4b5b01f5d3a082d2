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

/**
 * Translations whose `related` list differs from the Vietnamese entry's: the English version says what the
 * Vietnamese one says, its links included. Each names the English entry and the ids only one of the two lists has;
 * a Vietnamese link to an entry not yet translated is not missing from the English list.
 */
export function relatedMismatches(entries: HandbookEntry[]): { entry: HandbookEntry; onlyVi: string[]; onlyEn: string[] }[] {
  const vietnamese = new Map(entries.filter((e) => e.lang === 'vi').map((e) => [e.data.id, new Set(e.data.related)]));
  const translated = new Set(entries.filter((e) => e.lang === 'en').map((e) => e.data.id));
  return entries.flatMap((entry) => {
    const vi = vietnamese.get(entry.data.id);
    if (entry.lang !== 'en' || !vi) return [];
    const en = new Set(entry.data.related);
    const onlyVi = [...vi].filter((id) => translated.has(id) && !en.has(id));
    const onlyEn = [...en].filter((id) => !vi.has(id));
    return onlyVi.length + onlyEn.length > 0 ? [{ entry, onlyVi, onlyEn }] : [];
  });
}
