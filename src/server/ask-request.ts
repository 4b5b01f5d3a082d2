import { z } from 'astro/zod';
import { TOPIC_KEYS } from '../content/topics.ts';

/**
 * An optional `commune` field: the id of a commune or ward from handbook/communes.yaml. An empty value (the Ask
 * form's "not chosen") is the same as none.
 */
export function communeField(communeIds: readonly string[]) {
  const known = new Set(communeIds);
  const message =
    known.size === 0
      ? 'this server has no list of communes (handbook/communes.yaml); leave commune out'
      : `write the id of a commune or ward from handbook/communes.yaml, e.g. "${communeIds[0]}", or leave commune out`;
  return z
    .preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string({ message })
        .refine((v) => known.has(v), { message })
        .optional(),
    )
    .optional();
}

/** Body of `POST /api/ask`; `communeIds` are the communes officers may name. */
export function askRequestSchema(maxQuestionChars: number, communeIds: readonly string[] = []) {
  return z
    .object(
      {
        /** The officer's question, as typed. */
        question: z
          .string({ message: 'write the question as a string, e.g. {"question": "Làm giấy chứng tử cần những gì?"}' })
          .trim()
          .min(3, { message: 'write a question of at least 3 characters' })
          .max(maxQuestionChars, { message: `shorten the question to at most ${maxQuestionChars} characters` }),
        /** Language of the handbook to search; guessed from the question when absent. */
        lang: z.enum(['vi', 'en'], { message: 'write "vi" or "en", or leave lang out' }).optional(),
        /** Number of entries to return, 1 to 10 (default 5). */
        k: z
          .number({ message: 'write k as a whole number from 1 to 10' })
          .int({ message: 'write k as a whole number from 1 to 10' })
          .min(1, { message: 'write k as a whole number from 1 to 10' })
          .max(10, { message: 'write k as a whole number from 1 to 10' })
          .default(5),
        /** Search one topic only. */
        topic: z.enum(TOPIC_KEYS, { message: `write one of: ${TOPIC_KEYS.join(', ')}` }).optional(),
        /** The asker's commune or ward, if they picked one: the dashboard compares communes, never persons. */
        commune: communeField(communeIds),
      },
      { message: 'send a JSON object, e.g. {"question": "Làm giấy chứng tử cần những gì?"}' },
    )
    .strict();
}

export type AskRequest = z.output<ReturnType<typeof askRequestSchema>>;

/** What a validation problem says, from zod or from Fastify's zod validator (which carries the same fields). */
export interface BodyIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[] | undefined;
}

/** Turns validation problems into one `field: what to write` line each, joined with "; ". */
export function describeIssues(issues: readonly BodyIssue[]): string {
  return issues
    .map((i) => {
      if (i.code === 'unrecognized_keys' && i.keys) return `remove ${i.keys.map((k) => `"${k}"`).join(', ')}: not a field of this request`;
      const field = i.path.map(String).join('.') || 'body';
      return `${field}: ${i.message}`;
    })
    .join('; ');
}
