import { z } from 'astro/zod';
import { TOPIC_KEYS } from '../content/topics.ts';

/** Body of `POST /api/ask`. */
export function askRequestSchema(maxQuestionChars: number) {
  return z
    .object({
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
    }, { message: 'send a JSON object, e.g. {"question": "Làm giấy chứng tử cần những gì?"}' })
    .strict();
}

export type AskRequest = z.output<ReturnType<typeof askRequestSchema>>;

/** Body of `POST /api/feedback`. */
export const FeedbackSchema = z
  .object({
    /** `questionId` from the answer being rated. */
    questionId: z.number({ message: 'write the questionId returned by /api/ask' }).int().positive(),
    /** Whether the answer helped. */
    helpful: z.boolean({ message: 'write helpful as true or false' }),
  }, { message: 'send a JSON object, e.g. {"questionId": 12, "helpful": true}' })
  .strict();

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
