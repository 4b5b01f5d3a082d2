/**
 * `npm run check`: validates every entry (drafts too) as the site and the
 * index will, then lists near-duplicate questions, overdue reviews and
 * untranslated entries. Exits 1 when an entry is invalid.
 */
import { findNearDuplicates } from '../src/authoring/near-duplicates.ts';
import { overdueEntries, relatedToDrafts, untranslated } from '../src/authoring/review-status.ts';
import { loadConfig } from '../src/config.ts';
import { HandbookError } from '../src/content/entry-error.ts';
import { loadHandbook } from '../src/content/load-handbook.ts';

try {
  const config = loadConfig();
  const { entries } = await loadHandbook({ dir: config.handbookDir, includeDrafts: true });
  const count = (lang: string) => entries.filter((e) => e.lang === lang).length;
  console.log(`✓ ${entries.length} entries are valid (vi ${count('vi')}, en ${count('en')}; ${entries.filter((e) => e.data.status === 'draft').length} drafts)`);

  const questions = entries.flatMap((e) =>
    [e.data.question, ...e.data.aliases].map((text) => ({ id: e.data.id, lang: e.lang, file: e.file, text })),
  );
  const dups = findNearDuplicates(questions);
  if (dups.length > 0) {
    console.log(`\nNear-duplicate questions (${dups.length}): merge them, or make each question say what differs`);
    for (const d of dups) console.log(`  ${d.similarity.toFixed(2)}  ${d.a.file}: "${d.a.text}"\n        ${d.b.file}: "${d.b.text}"`);
  }
  const overdue = overdueEntries(entries, new Date());
  if (overdue.length > 0) {
    console.log(`\nReviews overdue (${overdue.length}): check against current rules, then update reviewedOn`);
    for (const { entry, due } of overdue) console.log(`  due ${due.toISOString().slice(0, 10)}  ${entry.file}`);
  }
  const toDrafts = relatedToDrafts(entries);
  if (toDrafts.length > 0) {
    console.log(`\nRelated links to drafts (${toDrafts.length}): the site leaves them out until the draft is published`);
    for (const { entry, draft } of toDrafts) console.log(`  ${entry.file}:${entry.fieldLines['related'] ?? 1}: related: ${draft} is a draft`);
  }
  const missing = untranslated(entries);
  if (missing.length > 0) console.log(`\n${missing.length} Vietnamese entries have no English translation yet (npm run check -- --verbose lists them)`);
  if (process.argv.includes('--verbose')) for (const e of missing) console.log(`  ${e.file}`);
} catch (e) {
  if (e instanceof HandbookError) {
    console.error(e.message);
    process.exit(1);
  }
  console.error((e as Error).message);
  process.exit(2);
}
