import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';

/** The retrieval evaluation format of ../shared/eval (see its README). */
export const EvalDatasetSchema = z.object({
  /** `language` is vi or en for one-language sets; a mixed set (vi+en) leaves it to each query. */
  meta: z.object({ name: z.string().optional(), language: z.string().optional() }).passthrough(),
  /** The FAQ items; empty for sets asked against the handbook itself (`--handbook`). */
  faq: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() }).passthrough()),
  queries: z
    .array(
      z
        .object({
          query: z.string().min(1),
          /** The item that answers the query, or null for an out-of-scope query that must be refused. */
          faq_id: z.string().nullable(),
          relevant_faq_ids: z.array(z.string()).optional(),
          /** `dev` (tune on it) or `test` (report only) in this project's sets; other sets use their own names ("val"). */
          split: z.string().optional(),
        })
        .passthrough(),
    )
    .min(1),
});
export type EvalQuery = EvalDataset['queries'][number];

/** The ids that count as a right answer to a query; empty when the query is out of scope. */
export function relevantIds(q: EvalQuery): Set<string> {
  return new Set(q.faq_id === null ? [] : [q.faq_id, ...(q.relevant_faq_ids ?? [])]);
}
export type EvalDataset = z.output<typeof EvalDatasetSchema>;

/** Reads and validates a dataset file; the error names the file and the first bad field. */
export async function readEvalDataset(file: string): Promise<EvalDataset> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new Error(`cannot read the dataset ${file}: ${String(cause).split('\n')[0]}`, { cause });
  }
  const parsed = EvalDatasetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${file} is not an evaluation dataset: ${issue.path.join('.')}: ${issue.message} (expected {meta, faq: [{id, question, answer}], queries: [{query, faq_id (or null), split?}]})`,
    );
  }
  return parsed.data;
}

/**
 * The dataset's FAQ items as index entries, so they go through the same
 * pipeline as handbook entries: the question as title, the answer as the one
 * section, topic "other".
 */
export function datasetEntries(data: EvalDataset, lang: Lang): StoredEntry[] {
  return data.faq.map((f) => {
    const base = {
      key: `${lang}:${f.id}`,
      id: f.id,
      lang,
      topic: 'other' as const,
      title: f.question,
      url: `#${f.id}`,
      aliases: [],
      searchPhrases: [],
      tags: [],
      sections: [{ heading: '', text: f.answer }],
    };
    return { ...base, hash: createHash('sha256').update(JSON.stringify(base)).digest('hex') };
  });
}
