import type { EntryProblem } from '../content/entry-error.ts';
import type { HandbookEntry } from '../content/parse-entry.ts';

/** What docs/writing-entries.md asks of a published entry. */
export const PUBLISH_RULES = { minAliases: 3, minTags: 2 } as const;

/**
 * Editorial problems that keep an entry from being published (`npm run check` fails on them): too few aliases or
 * tags for search to find it, no owner written, or a review date in the future. Drafts are not checked.
 */
export function publishProblems(entry: HandbookEntry, today: Date): EntryProblem[] {
  if (entry.data.status !== 'published') return [];
  const problems: EntryProblem[] = [];
  const line = (field: string) => entry.fieldLines[field] ?? 1;
  const add = (field: string, message: string) => problems.push({ file: entry.file, line: line(field), field, message });
  const { aliases, tags, reviewedOn } = entry.data;
  if (aliases.length < PUBLISH_RULES.minAliases) {
    add(
      'aliases',
      `write at least ${PUBLISH_RULES.minAliases} aliases, the ways officers and citizens ask it (has ${aliases.length}), or set status: draft`,
    );
  }
  if (tags.length < PUBLISH_RULES.minTags)
    add('tags', `write at least ${PUBLISH_RULES.minTags} tags (has ${tags.length}), or set status: draft`);
  if (!entry.declared.has('owner')) add('owner', 'write who keeps this entry correct, e.g. owner: Tổ IOC tỉnh');
  if (reviewedOn.getTime() > today.getTime()) {
    add('reviewedOn', `the review date ${reviewedOn.toISOString().slice(0, 10)} is in the future; write the day the entry was checked`);
  }
  return problems;
}

/** Open questions of published and draft entries, grouped by owner: the IOC team's work queue. */
export function openQuestionsByOwner(entries: HandbookEntry[]): Map<string, { entry: HandbookEntry; question: string }[]> {
  const byOwner = new Map<string, { entry: HandbookEntry; question: string }[]>();
  for (const entry of entries) {
    for (const question of entry.data.openQuestions) {
      const list = byOwner.get(entry.data.owner) ?? [];
      list.push({ entry, question });
      byOwner.set(entry.data.owner, list);
    }
  }
  return byOwner;
}
