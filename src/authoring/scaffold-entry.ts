import type { Lang, Topic } from '../content/topics.ts';
import { tagSlug } from '../content/urls.ts';

/** What the author gives to start an entry. */
export interface ScaffoldInput {
  lang: Lang;
  topic: Topic;
  question: string;
  /** For a translation: the id of the Vietnamese entry. */
  id?: string | undefined;
  /** Other ways officers asked it (e.g. from the question log), written as the entry's aliases. */
  aliases?: readonly string[] | undefined;
  today: Date;
}

const SECTIONS: Record<Lang, string[]> = {
  vi: ['Cần làm gì', 'Hồ sơ, giấy tờ', 'Phí và thời hạn', 'Lưu ý'],
  en: ['What to do', 'Documents', 'Fees and time limits', 'Notes'],
};

/** Folded words that start the "asking" part of a Vietnamese question; the subject comes before them. */
const QUESTION_TAIL = new Set(['can', 'thi', 'nhu', 'o', 'bao', 'gi', 'sao', 'what', 'how', 'where', 'when', 'who', 'which']);

/**
 * A readable slug from the question: its subject, folded and hyphenated, without the asking words that follow
 * it ("Đăng ký giám hộ cần giấy tờ gì?" → "dang-ky-giam-ho"); at most six words.
 */
export function slugFromQuestion(question: string): string {
  const words = tagSlug(question).split('-').filter(Boolean);
  const cut = words.findIndex((w, i) => i >= 2 && QUESTION_TAIL.has(w));
  return (cut === -1 ? words : words.slice(0, cut)).slice(0, 6).join('-');
}

/**
 * The text of a new entry file, as a draft: valid frontmatter with today's
 * date and the standard answer sections to fill in. The author publishes it by
 * setting `status: published`.
 */
export function scaffoldEntry(input: ScaffoldInput): { slug: string; text: string } {
  const slug = slugFromQuestion(input.question);
  const id = input.id ?? slug;
  const yamlString = (s: string) => JSON.stringify(s);
  const text = [
    '---',
    `id: ${id}`,
    `question: ${yamlString(input.question)}`,
    ...(input.aliases?.length ? ['aliases:', ...input.aliases.map((a) => `  - ${yamlString(a)}`)] : ['aliases: []']),
    // The everyday wordings people type (not shown on the page); see docs/writing-entries.md.
    'searchPhrases: []',
    `topic: ${input.topic}`,
    'tags: []',
    'legalBasis: []',
    'appliesTo: [commune, ward]',
    'related: []',
    `owner: ${input.lang === 'vi' ? 'Tổ IOC tỉnh' : 'Provincial IOC team'}`,
    `reviewedOn: ${input.today.toISOString().slice(0, 10)}`,
    'reviewEvery: 6',
    'status: draft',
    '---',
    '',
    ...SECTIONS[input.lang].flatMap((h) => [`## ${h}`, '', input.lang === 'vi' ? '(Viết nội dung ở đây.)' : '(Write this section.)', '']),
  ].join('\n');
  return { slug, text };
}
