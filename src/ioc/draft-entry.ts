import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scaffoldEntry } from '../authoring/scaffold-entry.ts';
import { askedAs, type HandbookEntry } from '../content/parse-entry.ts';
import type { Topic } from '../content/topics.ts';
import { normalizeForLog } from '../server/question-log.ts';
import type { QuestionGroup } from './question-groups.ts';

/** Aliases a draft takes from a group at most (the most asked wordings). */
export const MAX_DRAFT_ALIASES = 10;

/** A draft entry ready to write or download. */
export interface Draft {
  /** Where it goes, inside the handbook folder. */
  file: string;
  /** The same, relative to the project (for messages). */
  shown: string;
  slug: string;
  text: string;
}

/** A draft the handbook must not take (a duplicate question, a file already there); the message says why. */
export class DraftRefused extends Error {
  override name = 'DraftRefused';
}

/**
 * A `status: draft` entry for an unanswered group (src/authoring/scaffold-entry.ts): the chosen question, the
 * group's other wordings as aliases, today's date and the sections to fill in. Refused when an entry of the
 * language already asks it, or the file exists.
 */
export function prepareDraft(input: {
  group: QuestionGroup;
  question: string;
  topic: Topic;
  today: Date;
  handbookDir: string;
  entries: readonly HandbookEntry[];
}): Draft {
  const { group, topic, handbookDir } = input;
  const question = input.question.trim().replace(/\s+/g, ' ');
  if (question.length < 8 || question.length > 200) throw new DraftRefused('write the entry’s question in 8 to 200 characters');
  const key = normalizeForLog(question);
  const same = input.entries.find((e) => e.lang === group.lang && askedAs(e).some((q) => normalizeForLog(q) === key));
  if (same)
    throw new DraftRefused(
      `${same.file} already asks “${question}”; edit that entry (add the officers’ wordings to its aliases or searchPhrases) instead`,
    );
  const seen = new Set([key]);
  const aliases = group.phrasings
    .map((p) => p.text.replace(/\s+/g, ' ').trim())
    .filter((text) => {
      const k = normalizeForLog(text);
      if (text.length < 3 || seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, MAX_DRAFT_ALIASES);
  const { slug, text } = scaffoldEntry({ lang: group.lang, topic, question, aliases, today: input.today });
  if (!slug) throw new DraftRefused('write the question with letters or digits, so the entry gets a file name');
  const file = path.join(handbookDir, group.lang, topic, `${slug}.md`);
  return { file, shown: path.relative(path.dirname(handbookDir), file).split(path.sep).join('/'), slug, text };
}

/**
 * Writes a draft into the handbook folder, never over a file. Resolves to why not when the folder cannot be
 * written (then the dashboard offers the Markdown to download); throws {@link DraftRefused} when the file exists.
 */
export async function writeDraft(draft: Draft): Promise<{ written: true } | { written: false; reason: string }> {
  try {
    await mkdir(path.dirname(draft.file), { recursive: true });
    await writeFile(draft.file, draft.text, { flag: 'wx' });
    return { written: true };
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'EEXIST' && error.path === draft.file) {
      throw new DraftRefused(`${draft.shown} exists already; edit it, or word the question differently`);
    }
    return { written: false, reason: `${error.code ?? 'error'}: ${error.message}` };
  }
}
