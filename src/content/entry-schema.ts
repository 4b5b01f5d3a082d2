import { z } from 'astro/zod';
import { TOPIC_KEYS } from './topics.ts';

const kebabId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
    aliases: z.array(z.string().trim().min(3)).default([]),
    /** One topic from the fixed list; must match the entry's folder. */
    topic: z.enum(TOPIC_KEYS, {
      message: `write one of: ${TOPIC_KEYS.join(', ')}`,
    }),
    /** Free keywords, lowercase, used for tag pages and search filters. */
    tags: z.array(z.string().trim().min(2).max(40)).default([]),
    /**
     * Legal documents the answer rests on, as cited in Vietnamese practice.
     * Leave empty rather than guess.
     * @example ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"]
     */
    legalBasis: z.array(z.string().trim().min(3)).default([]),
    /** Levels of government the answer applies to. */
    appliesTo: z
      .array(z.enum(['commune', 'ward', 'province'], { message: 'write commune, ward or province' }))
      .min(1, { message: 'name at least one level: commune, ward or province' })
      .default(['commune', 'ward']),
    /** Ids of related entries in the same language. */
    related: z.array(z.string().regex(kebabId, { message: 'write the id of another entry' })).default([]),
    /** Who keeps the entry correct. */
    owner: z.string().trim().min(2).default('Tổ IOC tỉnh'),
    /** When the entry was last checked against current rules (YYYY-MM-DD). */
    reviewedOn: z.coerce.date({ message: 'write the review date as YYYY-MM-DD, for example 2025-09-15' }),
    /** How many months may pass before the entry must be reviewed again. */
    reviewEvery: z
      .number({ message: 'write a whole number of months, for example 6' })
      .int()
      .min(1)
      .max(36)
      .default(6),
    /** Only published entries appear on the site and in the question index. */
    status: z.enum(['draft', 'published'], { message: 'write draft or published' }).default('published'),
  })
  .strict();

/** A parsed, validated entry frontmatter. */
export type EntryData = z.output<typeof EntrySchema>;
