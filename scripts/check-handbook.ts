/**
 * `npm run check`: validates every entry (drafts too) and the glossary as the site and the index will, applies the
 * publishing rules, then lists near-duplicate questions, overdue reviews, documents cited but not in the legal basis,
 * untranslated entries and the open questions for the IOC team. Exits 1 when something must be fixed.
 */
import { readFile } from 'node:fs/promises';
import { findNearDuplicates } from '../src/authoring/near-duplicates.ts';
import { openQuestionsByOwner, publishProblems } from '../src/authoring/publish-checks.ts';
import { overdueEntries, relatedMismatches, relatedToDrafts, untranslated } from '../src/authoring/review-status.ts';
import { notCoveredProblems } from '../src/authoring/not-covered.ts';
import { unlistedCitations } from '../src/authoring/unlisted-citations.ts';
import { wordingConflicts, wordingLine } from '../src/authoring/wording-conflicts.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { loadConfig } from '../src/config.ts';
import { HandbookError } from '../src/content/entry-error.ts';
import { loadGlossary } from '../src/content/glossary.ts';
import { loadHandbook } from '../src/content/load-handbook.ts';
import { toStoredEntry } from '../src/indexing/handbook-documents.ts';
import { HandbookSearch } from '../src/retrieval/handbook-search.ts';

await runCli(
  {
    name: 'check',
    summary:
      'Checks every handbook entry and the glossary: the schema, the publishing rules (aliases, tags, owner, review date, no placeholder), links between entries; lists near-duplicates, overdue reviews, missing translations and open questions per owner.',
    options: {
      verbose: { type: 'boolean', description: 'list every untranslated entry' },
      wordings: {
        type: 'boolean',
        description:
          "also ask every entry's question, aliases and search phrases, and list those Ask answers with another entry (some seconds)",
      },
    },
    examples: ['npm run check', 'npm run check -- --verbose', 'npm run check -- --wordings'],
  },
  async (values) => {
    const config = loadConfig();
    const { entries, byId } = await loadHandbook({ dir: config.handbookDir, includeDrafts: true });
    const glossary = await loadGlossary(config.handbookDir, new Set(byId.keys()));
    const today = new Date();
    const problems = [...entries.flatMap((e) => publishProblems(e, today)), ...notCoveredProblems(entries, glossary)];
    if (problems.length > 0) throw new HandbookError(problems);
    const count = (lang: string) => entries.filter((e) => e.lang === lang && e.data.status === 'published').length;
    const drafts = entries.filter((e) => e.data.status === 'draft').length;
    console.log(
      `✓ ${entries.length} entries are valid (published: vi ${count('vi')}, en ${count('en')}; ${drafts} drafts); glossary: ${glossary.length} terms`,
    );

    const questions = entries.flatMap((e) =>
      [e.data.question, ...e.data.aliases].map((text) => ({ id: e.data.id, lang: e.lang, file: e.file, text })),
    );
    const dups = findNearDuplicates(questions);
    if (dups.length > 0) {
      console.log(`\nNear-duplicate questions (${dups.length}): merge them, or make each question say what differs`);
      for (const d of dups) console.log(`  ${d.similarity.toFixed(2)}  ${d.a.file}: "${d.a.text}"\n        ${d.b.file}: "${d.b.text}"`);
    }
    const overdue = overdueEntries(entries, today);
    if (overdue.length > 0) {
      console.log(`\nReviews overdue (${overdue.length}): check against current rules, then update reviewedOn`);
      for (const { entry, due } of overdue) console.log(`  due ${due.toISOString().slice(0, 10)}  ${entry.file}`);
    }
    const toDrafts = relatedToDrafts(entries);
    if (toDrafts.length > 0) {
      console.log(`\nRelated links to drafts (${toDrafts.length}): the site leaves them out until the draft is published`);
      for (const { entry, draft } of toDrafts)
        console.log(`  ${entry.file}:${entry.fieldLines['related'] ?? 1}: related: ${draft} is a draft`);
    }
    const mismatched = relatedMismatches(entries);
    if (mismatched.length > 0) {
      console.log(`\nRelated lists that differ between the languages (${mismatched.length}): link the same entries in both`);
      for (const { entry, onlyVi, onlyEn } of mismatched) {
        const differ = [...onlyVi.map((id) => `${id} only in Vietnamese`), ...onlyEn.map((id) => `${id} only in English`)];
        console.log(`  ${entry.file}:${entry.fieldLines['related'] ?? 1}: related: ${differ.join(', ')}`);
      }
    }
    const unlisted = unlistedCitations(entries);
    if (unlisted.length > 0) {
      console.log(
        `\nDocuments the answer cites but legalBasis does not list (${unlisted.length}): list them, unless the answer names them as former rules`,
      );
      for (const { entry, numbers } of unlisted)
        console.log(`  ${entry.file}:${entry.fieldLines['legalBasis'] ?? 1}: legalBasis: the answer cites ${numbers.join(', ')}`);
    }
    const missing = untranslated(entries);
    if (missing.length > 0)
      console.log(`\n${missing.length} Vietnamese entries have no English translation yet (npm run check -- --verbose lists them)`);
    if (values['verbose']) for (const e of missing) console.log(`  ${e.file}`);
    if (values['wordings']) {
      const published = entries.filter((e) => e.data.status === 'published');
      const stored = published.map(toStoredEntry);
      const conflicts = await wordingConflicts(new HandbookSearch(stored, config.retrieval, undefined, { glossary }), stored);
      const byKey = new Map(published.map((e) => [`${e.lang}:${e.data.id}`, e]));
      const wordings = published.reduce((n, e) => n + 1 + e.data.aliases.length + e.data.searchPhrases.length, 0);
      console.log(
        `\nWordings Ask answers with another entry (${conflicts.length} of ${wordings}): questions worded like them go there too; move the wording to that entry, make it say what sets its own entry apart, or link the word that does in the glossary`,
      );
      for (const c of conflicts) {
        const entry = byKey.get(`${c.lang}:${c.id}`)!;
        const line = wordingLine(await readFile(entry.file, 'utf8'), entry.fieldLines[c.field] ?? 1, c.text);
        console.log(`  ${entry.file}:${line}: ${c.field}: "${c.text}" is answered with ${c.answeredWith} (${c.confidence.toFixed(2)})`);
      }
    }
    const open = openQuestionsByOwner(entries);
    if (open.size > 0) {
      const total = [...open.values()].reduce((n, l) => n + l.length, 0);
      console.log(`\nOpen questions for the IOC team (${total}; not shown on the site): confirm each, then update the entry`);
      for (const [owner, list] of open) {
        console.log(`  ${owner} (${list.length})`);
        for (const { entry, question } of list) console.log(`    ${entry.file}:${entry.fieldLines['openQuestions'] ?? 1}: ${question}`);
      }
    }
  },
);
