import { z } from 'astro/zod';
import { TOPIC_KEYS } from './topics.ts';

const kebabId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REVIEW_DATE = 'write the review date as YYYY-MM-DD, for example 2025-09-15';
/** True when `YYYY-MM-DD` names a day that exists (not 2026-02-30). */
const isRealDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/**
 * Frontmatter of one handbook entry (`handbook/<lang>/<topic>/<slug>.md`).
 * Written once and used by the Astro content collection, the question index and
 * the checker, so a file the site accepts is exactly a file the index accepts.
 */
export const EntrySchema = z
  .object({
    /**
     * Stable identifier, lowercase words joined by hyphens. The same id in `vi`
     * and `en` links an entry with its translation.
     * @example "dang-ky-khai-tu"
     */
    id: z.string().regex(kebabId, {
      message: 'write lowercase ASCII words joined by hyphens, for example "dang-ky-khai-tu"',
    }),
    /** The question as officers ask it; it is the entry's title. */
    question: z
      .string({ message: 'write the question officers ask, for example "Đăng ký khai tử cần giấy tờ gì?"' })
      .trim()
      .min(8, { message: 'write the full question (at least 8 characters)' })
      .max(200, { message: 'keep the question under 200 characters; put details in the answer' }),
    /** Other ways officers ask the same question; they help search and the Ask box. */
    aliases: z
      .array(
        z
          .string({ message: 'write each alias as text' })
          .trim()
          .min(3, { message: 'write each alias as a full question (at least 3 characters)' }),
        {
          message: 'write aliases as a list, one "- question" per line',
        },
      )
      .default([]),
    /**
     * Everyday wordings people type for this entry (sổ đỏ, giấy chứng tử, "bố tôi mất ở nhà thì làm gì"): search
     * and the Ask box match them like aliases, but the page does not show them. Only what the entry answers.
     */
    searchPhrases: z
      .array(
        z
          .string({ message: 'write each search phrase as text' })
          .trim()
          .min(2, { message: 'write each search phrase as words people type (at least 2 characters)' })
          .max(200, { message: 'keep each search phrase under 200 characters' }),
        { message: 'write searchPhrases as a list, one "- words people type" per line' },
      )
      .max(20, { message: 'keep at most 20 search phrases: the wordings people really use, not every variant' })
      .default([]),
    /** One topic from the fixed list; must match the entry's folder. */
    topic: z.enum(TOPIC_KEYS, {
      message: `write one of: ${TOPIC_KEYS.join(', ')}`,
    }),
    /** Free keywords, lowercase, used for tag pages and search filters. */
    tags: z
      .array(
        z
          .string({ message: 'write each tag as text' })
          .trim()
          .min(2, { message: 'write tags of 2 to 40 characters' })
          .max(40, { message: 'write tags of 2 to 40 characters' }),
        {
          message: 'write tags as a list, e.g. [khai tử, hộ tịch]',
        },
      )
      .default([]),
    /**
     * Legal documents the answer rests on, as cited in Vietnamese practice.
     * Leave empty rather than guess.
     * @example ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"]
     */
    legalBasis: z
      .array(
        z
          .string({ message: 'write each document as text' })
          .trim()
          .min(3, { message: 'write the document reference, e.g. "Luật Hộ tịch 2014"' }),
        {
          message: 'write legalBasis as a list of document references, or [] when unsure',
        },
      )
      .default([]),
    /** Levels of government the answer applies to. */
    appliesTo: z
      .array(z.enum(['commune', 'ward', 'province'], { message: 'write commune, ward or province' }))
      .min(1, { message: 'name at least one level: commune, ward or province' })
      .default(['commune', 'ward']),
    /** Ids of related entries in the same language. */
    related: z.array(z.string().regex(kebabId, { message: 'write the id of another entry' })).default([]),
    /**
     * Points the IOC team must still confirm (with the Department of Justice or the province) before the entry can
     * state them firmly. Listed per owner by `npm run check`; never shown on the public page.
     * @example ["Mức lệ phí khai tử quá hạn: chờ Nghị quyết HĐND tỉnh"]
     */
    openQuestions: z
      .array(
        z
          .string({ message: 'write each open question as text' })
          .trim()
          .min(8, { message: 'write each open question as a full sentence (at least 8 characters)' }),
        {
          message: 'write openQuestions as a list, one "- point to confirm" per line',
        },
      )
      .default([]),
    /** Who keeps the entry correct. */
    owner: z.string().trim().min(2).default('Tổ IOC tỉnh'),
    /** When the entry was last checked against current rules (YYYY-MM-DD). */
    reviewedOn: z.preprocess(
      // YAML loaders differ: some hand over `2026-10-15` as a Date, others as a string.
      (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
      z
        .string({ message: REVIEW_DATE })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { message: REVIEW_DATE })
        .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealDay(s), { message: `${REVIEW_DATE}; that day does not exist` })
        .transform((s) => new Date(`${s}T00:00:00Z`)),
    ),
    /** How many months may pass before the entry must be reviewed again. */
    reviewEvery: z.number({ message: 'write a whole number of months, for example 6' }).int().min(1).max(36).default(6),
    /** Only published entries appear on the site and in the question index. */
    status: z.enum(['draft', 'published'], { message: 'write draft or published' }).default('published'),
  })
  .strict();

/** A parsed, validated entry frontmatter. */
export type EntryData = z.output<typeof EntrySchema>;
