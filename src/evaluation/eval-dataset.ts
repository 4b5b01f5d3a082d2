import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';

/** The retrieval evaluation format of ../shared/eval (see its README). */
export const EvalDatasetSchema = z.object({
  meta: z.object({ name: z.string().optional(), language: z.enum(['vi', 'en']).optional() }).passthrough(),
  faq: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() }).passthrough()).min(1),
  queries: z
    .array(z.object({ query: z.string().min(1), faq_id: z.string(), relevant_faq_ids: z.array(z.string()).optional() }).passthrough())
    .min(1),
});
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
    throw new Error(`${file} is not an evaluation dataset: ${issue.path.join('.')}: ${issue.message} (expected {meta, faq: [{id, question, answer}], queries: [{query, faq_id}]})`);
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
      tags: [],
      sections: [{ heading: '', text: f.answer }],
    };
    return { ...base, hash: createHash('sha256').update(JSON.stringify(base)).digest('hex') };
  });
}
