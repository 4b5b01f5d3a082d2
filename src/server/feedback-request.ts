import { z } from 'astro/zod';
import { LANGS } from '../content/topics.ts';
import { communeField } from './ask-request.ts';

/** Longest comment a vote may carry, in characters. */
export const MAX_COMMENT = 500;

const comment = z
  .string({ message: `write the comment as text of at most ${MAX_COMMENT} characters, or leave it out` })
  .trim()
  .max(MAX_COMMENT, { message: `shorten the comment to at most ${MAX_COMMENT} characters` })
  .optional();

const helpful = z.boolean({ message: 'write helpful as true or false' });

/** Body of `POST /api/feedback`: a vote on one answer, by the token `/api/ask` returned with it. */
export const FeedbackSchema = z
  .object(
    {
      /** `feedbackToken` from the answer being rated. */
      feedbackToken: z
        .string({ message: 'write the feedbackToken returned by /api/ask with the answer' })
        .regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'write the feedbackToken returned by /api/ask with the answer, unchanged' }),
      /** Whether the answer helped. */
      helpful,
      /** What was missing or wrong, in a few words (no personal data). */
      comment,
    },
    { message: 'send a JSON object, e.g. {"feedbackToken": "…", "helpful": true}' },
  )
  .strict();

/** Body of `POST /api/page-feedback`: "Was this page helpful?" on an entry page. */
export const PageFeedbackSchema = z
  .object(
    {
      /** Id of the entry the page shows. */
      entryId: z.string({ message: 'write the id of the entry, e.g. "dang-ky-khai-tu"' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
        message: 'write the id of the entry, e.g. "dang-ky-khai-tu"',
      }),
      /** Language of the page. */
      lang: z.enum(LANGS, { message: 'write "vi" or "en"' }),
      helpful,
      comment,
    },
    { message: 'send a JSON object, e.g. {"entryId": "dang-ky-khai-tu", "lang": "vi", "helpful": true}' },
  )
  .strict();

/** Body of `POST /api/search-log`: a search the search box settled on, and how many entries it showed. */
export function searchLogSchema(communeIds: readonly string[]) {
  return z
    .object(
      {
        /** The words searched for, as typed. */
        query: z
          .string({ message: 'write the query as text' })
          .trim()
          .min(1, { message: 'write the query that was searched' })
          .max(200, { message: 'shorten the query to at most 200 characters' }),
        /** How many entries the search box showed for it. */
        results: z
          .number({ message: 'write results as a whole number from 0 to 1000' })
          .int({ message: 'write results as a whole number from 0 to 1000' })
          .min(0, { message: 'write results as a whole number from 0 to 1000' })
          .max(1000, { message: 'write results as a whole number from 0 to 1000' }),
        /** Language of the page the search ran on. */
        lang: z.enum(LANGS, { message: 'write "vi" or "en"' }),
        commune: communeField(communeIds),
      },
      { message: 'send a JSON object, e.g. {"query": "khai tu", "results": 2, "lang": "vi"}' },
    )
    .strict();
}
