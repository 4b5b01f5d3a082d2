import { describe, expect, it } from 'vitest';
import { EntrySchema } from '../../src/content/entry-schema.ts';

/** The smallest frontmatter the schema accepts. */
const minimal = {
  id: 'dang-ky-khai-tu',
  question: 'Đăng ký khai tử cần những giấy tờ gì?',
  topic: 'civil-status',
  reviewedOn: '2026-10-15',
};

/** The schema's verdict on a frontmatter, as `field: message` lines. */
function problemsOf(frontmatter: Record<string, unknown>): string[] {
  const parsed = EntrySchema.safeParse(frontmatter);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('EntrySchema', () => {
  it('accepts a minimal entry and fills in the defaults', () => {
    const data = EntrySchema.parse(minimal);
    expect(data).toEqual({
      id: 'dang-ky-khai-tu',
      question: 'Đăng ký khai tử cần những giấy tờ gì?',
      aliases: [],
      searchPhrases: [],
      topic: 'civil-status',
      tags: [],
      legalBasis: [],
      appliesTo: ['commune', 'ward'],
      related: [],
      openQuestions: [],
      owner: 'Tổ IOC tỉnh',
      reviewedOn: new Date('2026-10-15T00:00:00.000Z'),
      reviewEvery: 6,
      status: 'published',
    });
  });

  it('takes up to 20 search phrases and says what to do with more', () => {
    const phrases = Array.from({ length: 21 }, (_, i) => `giấy chứng tử ${i}`);
    expect(EntrySchema.parse({ ...minimal, searchPhrases: phrases.slice(0, 20) }).searchPhrases).toHaveLength(20);
    expect(problemsOf({ ...minimal, searchPhrases: phrases })).toEqual([
      'searchPhrases: keep at most 20 search phrases: the wordings people really use, not every variant',
    ]);
    expect(problemsOf({ ...minimal, searchPhrases: ['x'] })).toEqual([
      'searchPhrases.0: write each search phrase as words people type (at least 2 characters)',
    ]);
  });

  it('keeps the values an entry gives instead of the defaults', () => {
    const data = EntrySchema.parse({
      ...minimal,
      aliases: ['Làm giấy chứng tử cần những gì?'],
      tags: ['khai tử'],
      legalBasis: ['Luật Hộ tịch 2014'],
      appliesTo: ['province'],
      related: ['dang-ky-khai-sinh'],
      owner: 'Phòng Tư pháp',
      reviewEvery: 12,
      status: 'draft',
    });
    expect(data).toMatchObject({
      aliases: ['Làm giấy chứng tử cần những gì?'],
      appliesTo: ['province'],
      related: ['dang-ky-khai-sinh'],
      owner: 'Phòng Tư pháp',
      reviewEvery: 12,
      status: 'draft',
    });
  });

  it('trims the question', () => {
    expect(EntrySchema.parse({ ...minimal, question: '  Đăng ký khai tử cần những giấy tờ gì?  ' }).question).toBe(
      'Đăng ký khai tử cần những giấy tờ gì?',
    );
  });

  it('rejects an entry without a question', () => {
    const { question: _, ...withoutQuestion } = minimal;
    expect(problemsOf(withoutQuestion)).toMatchInlineSnapshot(`
      [
        "question: write the question officers ask, for example "Đăng ký khai tử cần giấy tờ gì?"",
      ]
    `);
  });

  it('rejects a question too short to be a question', () => {
    expect(problemsOf({ ...minimal, question: 'Khai tử' })).toEqual(['question: write the full question (at least 8 characters)']);
  });

  it('rejects a question over 200 characters', () => {
    expect(problemsOf({ ...minimal, question: `${'Đăng ký khai tử '.repeat(13)}?` })).toEqual([
      'question: keep the question under 200 characters; put details in the answer',
    ]);
  });

  it.each(['Dang-Ky-Khai-Tu', 'dang_ky_khai_tu', 'đăng-ký', 'dang--ky', '-dang-ky', 'dang ky'])('rejects the id %j', (id) => {
    expect(problemsOf({ ...minimal, id })).toEqual(['id: write lowercase ASCII words joined by hyphens, for example "dang-ky-khai-tu"']);
  });

  it('rejects a topic that is not on the fixed list', () => {
    expect(problemsOf({ ...minimal, topic: 'health' })).toMatchInlineSnapshot(`
      [
        "topic: write one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other",
      ]
    `);
  });

  it('rejects a review date that is not a date', () => {
    expect(problemsOf({ ...minimal, reviewedOn: 'last week' })).toEqual([
      'reviewedOn: write the review date as YYYY-MM-DD, for example 2025-09-15',
    ]);
    expect(problemsOf({ ...minimal, reviewedOn: '15/10/2026' })).toEqual([
      'reviewedOn: write the review date as YYYY-MM-DD, for example 2025-09-15',
    ]);
  });

  it('rejects a bare year as review date instead of reading it as milliseconds since 1970', () => {
    expect(problemsOf({ ...minimal, reviewedOn: 2026 })).toEqual([
      'reviewedOn: write the review date as YYYY-MM-DD, for example 2025-09-15',
    ]);
  });

  it('rejects a day that does not exist instead of rolling it into the next month', () => {
    expect(problemsOf({ ...minimal, reviewedOn: '2026-02-30' })).toEqual([
      'reviewedOn: write the review date as YYYY-MM-DD, for example 2025-09-15; that day does not exist',
    ]);
  });

  it('accepts a review date that a YAML loader already turned into a Date', () => {
    expect(EntrySchema.parse({ ...minimal, reviewedOn: new Date('2026-10-15T00:00:00Z') }).reviewedOn).toEqual(
      new Date('2026-10-15T00:00:00Z'),
    );
  });

  it('rejects a field the schema does not know', () => {
    // The issue concerns the object as a whole (empty path); parseEntry turns it into a line per field.
    const parsed = EntrySchema.safeParse({ ...minimal, author: 'Nguyễn Văn A' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['author'], path: [], message: 'Unrecognized key: "author"' },
    ]);
  });

  it('rejects a status other than draft or published', () => {
    expect(problemsOf({ ...minimal, status: 'live' })).toEqual(['status: write draft or published']);
  });

  it('rejects a level of government it does not know, naming its position', () => {
    expect(problemsOf({ ...minimal, appliesTo: ['commune', 'district'] })).toEqual(['appliesTo.1: write commune, ward or province']);
  });

  it('rejects an empty list of levels', () => {
    expect(problemsOf({ ...minimal, appliesTo: [] })).toEqual(['appliesTo: name at least one level: commune, ward or province']);
  });

  it('rejects a review interval that is not a number', () => {
    expect(problemsOf({ ...minimal, reviewEvery: 'six' })).toEqual(['reviewEvery: write a whole number of months, for example 6']);
    // YAML `reviewEvery: "6"` is a string; the schema does not coerce it.
    expect(problemsOf({ ...minimal, reviewEvery: '6' })).toEqual(['reviewEvery: write a whole number of months, for example 6']);
  });

  it.each([0, 6.5, 37])('rejects a review interval of %d months', (reviewEvery) => {
    expect(problemsOf({ ...minimal, reviewEvery })).toEqual(['reviewEvery: write a whole number of months, for example 6']);
  });

  it('rejects a related id that is not an id', () => {
    expect(problemsOf({ ...minimal, related: ['Đăng ký khai sinh'] })).toEqual(['related.0: write the id of another entry']);
  });

  it('reports every invalid field at once', () => {
    expect(problemsOf({ ...minimal, id: 'X', topic: 'health', status: 'live' })).toEqual([
      'id: write lowercase ASCII words joined by hyphens, for example "dang-ky-khai-tu"',
      'topic: write one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other',
      'status: write draft or published',
    ]);
  });
});
