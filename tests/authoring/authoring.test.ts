import { describe, expect, it } from 'vitest';
import { findNearDuplicates, type QuestionText } from '../../src/authoring/near-duplicates.ts';
import { notCoveredProblems } from '../../src/authoring/not-covered.ts';
import { overdueEntries, relatedMismatches, relatedToDrafts, reviewDue, untranslated } from '../../src/authoring/review-status.ts';
import { scaffoldEntry, slugFromQuestion } from '../../src/authoring/scaffold-entry.ts';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { parseEntry } from '../../src/content/parse-entry.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

const q = (id: string, text: string, lang: 'vi' | 'en' = 'vi'): QuestionText => ({ id, lang, file: `${id}.md`, text });

describe('scaffolding a new entry', () => {
  it('writes a draft that the checker accepts, with today as review date and the standard sections', () => {
    const { slug, text } = scaffoldEntry({
      lang: 'vi',
      topic: 'civil-status',
      question: 'Đăng ký giám hộ cần giấy tờ gì?',
      today: new Date('2026-11-22T09:00:00Z'),
    });
    expect(slug).toBe('dang-ky-giam-ho');
    const parsed = parseEntry(`handbook/vi/civil-status/${slug}.md`, text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entry.data).toMatchObject({ id: slug, status: 'draft', reviewedOn: new Date('2026-11-22T00:00:00Z') });
    // The author sees where everyday wordings go.
    expect(text).toContain('\nsearchPhrases: []\n');
    expect(parsed.entry.sections.map((s) => s.heading)).toEqual(['Cần làm gì', 'Hồ sơ, giấy tờ', 'Phí và thời hạn', 'Lưu ý']);
  });

  it('keeps the Vietnamese id for an English translation and quotes questions with colons', () => {
    const { slug, text } = scaffoldEntry({
      lang: 'en',
      topic: 'civil-status',
      question: 'Guardianship: what documents?',
      id: 'dang-ky-giam-ho',
      today: new Date('2026-11-22'),
    });
    const parsed = parseEntry(`handbook/en/civil-status/${slug}.md`, text);
    expect(parsed.ok && parsed.entry.data).toMatchObject({
      id: 'dang-ky-giam-ho',
      question: 'Guardianship: what documents?',
      owner: 'Provincial IOC team',
    });
  });

  it('makes readable slugs of the question’s subject, at most six folded words', () => {
    expect(slugFromQuestion('Người dân không có tài khoản ngân hàng thì nộp phí thế nào?')).toBe('nguoi-dan-khong-co-tai-khoan');
    expect(slugFromQuestion('Chứng thực bản dịch ở xã cần những gì?')).toBe('chung-thuc-ban-dich');
  });
});

describe('finding near-duplicate questions', () => {
  it('finds a copy typed without diacritics', () => {
    const dups = findNearDuplicates([
      q('a', 'Đăng ký khai tử cần những giấy tờ gì?'),
      q('b', 'dang ky khai tu can nhung giay to gi'),
      q('c', 'Chứng thực chữ ký ở đâu?'),
    ]);
    expect(dups.map((d) => [d.a.id, d.b.id, d.similarity])).toEqual([['a', 'b', 1]]);
  });

  it('does not pair questions that share only their function words', () => {
    const dups = findNearDuplicates([
      q('death', 'What documents are needed to register a death?', 'en'),
      q('marriage', 'What documents are needed to register a marriage, and where?', 'en'),
      q('business', 'Where is a business household registered, and what documents are needed?', 'en'),
      q('signature', 'How do I install a digital signature?', 'en'),
    ]);
    expect(dups).toEqual([]);
  });

  it('never pairs an entry with itself or with the other language', () => {
    expect(findNearDuplicates([q('a', 'Đăng ký khai tử'), q('a', 'Đăng ký khai tử ở đâu'), q('b', 'dang ky khai tu', 'en')])).toEqual([]);
  });
});

describe('review status', () => {
  it('lists published entries past their review date, most overdue first, and untranslated ones', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const khaiTu = entries.find((e) => e.lang === 'vi' && e.data.id === 'dang-ky-khai-tu')!;
    expect(reviewDue(khaiTu)).toEqual(new Date('2027-04-15T00:00:00Z'));
    expect(overdueEntries(entries, new Date('2027-03-15T00:00:00Z')).map((o) => o.entry.data.id)).toEqual([
      'thu-phi-khi-mat-ket-noi',
      'chung-thuc-ban-sao',
      'dang-ky-khai-sinh',
    ]);
    expect(
      untranslated(entries)
        .map((e) => e.data.id)
        .sort(),
    ).toEqual(['chung-thuc-ban-sao', 'dang-ky-khai-sinh', 'thu-phi-khi-mat-ket-noi']);
  });
});

describe('related links to drafts', () => {
  it('names the published entry whose related list points at a draft', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK, includeDrafts: true });
    const khaiTu = entries.find((e) => e.lang === 'vi' && e.data.id === 'dang-ky-khai-tu')!;
    const withDraft = entries.map((e) => (e === khaiTu ? { ...e, data: { ...e.data, related: [...e.data.related, 'ban-nhap'] } } : e));
    expect(relatedToDrafts(withDraft).map(({ entry, draft }) => [entry.data.id, draft])).toEqual([['dang-ky-khai-tu', 'ban-nhap']]);
    expect(relatedToDrafts(entries)).toEqual([]);
  });
});

describe('an entry about a procedure the glossary marks as not covered', () => {
  const passport = {
    term: 'Cấp hộ chiếu phổ thông',
    lang: 'vi' as const,
    says: ['làm hộ chiếu'],
    entries: [],
    notCovered: true,
  };
  const entry = (status: 'draft' | 'published') => {
    const parsed = parseEntry(
      'handbook/vi/other/lam-ho-chieu.md',
      `---\nid: lam-ho-chieu\nquestion: Làm hộ chiếu cần giấy tờ gì?\ntopic: other\nreviewedOn: 2026-12-01\nstatus: ${status}\n---\n\n## Cần làm gì\n\nNộp tờ khai.\n`,
    );
    if (!parsed.ok) throw new Error('the test entry does not parse');
    return parsed.entry;
  };

  it('is refused once published, naming the file, the line and what to change in the glossary', () => {
    expect(notCoveredProblems([entry('published')], [passport])).toEqual([
      {
        file: 'handbook/vi/other/lam-ho-chieu.md',
        line: 3,
        field: 'question',
        message:
          'it names "Cấp hộ chiếu phổ thông", which handbook/glossary.yaml marks notCovered, so Ask would never answer it; remove notCovered from that term and list this entry in its entries',
      },
    ]);
  });

  it('is refused when one of its search phrases names the term, naming the phrase and what to change', () => {
    const parsed = parseEntry(
      'handbook/vi/other/giay-to-di-nuoc-ngoai.md',
      `---\nid: giay-to-di-nuoc-ngoai\nquestion: Đi nước ngoài cần chứng thực giấy tờ gì?\ntopic: other\nreviewedOn: 2026-12-01\nsearchPhrases:\n  - chứng thực bằng cấp để đi học\n  - làm hộ chiếu xong thì chứng thực gì\nstatus: published\n---\n\n## Cần làm gì\n\nChứng thực bản sao.\n`,
    );
    if (!parsed.ok) throw new Error('the test entry does not parse');
    expect(notCoveredProblems([parsed.entry], [passport])).toEqual([
      {
        file: 'handbook/vi/other/giay-to-di-nuoc-ngoai.md',
        line: 6,
        field: 'searchPhrases.1',
        message:
          '"làm hộ chiếu xong thì chứng thực gì" names "Cấp hộ chiếu phổ thông", which handbook/glossary.yaml marks notCovered, so Ask would never answer it; reword it, or narrow that term\'s everyday words in the glossary',
      },
    ]);
  });

  it('is left alone as a draft, or once the term is covered', () => {
    expect(notCoveredProblems([entry('draft')], [passport])).toEqual([]);
    expect(notCoveredProblems([entry('published')], [{ ...passport, notCovered: false }])).toEqual([]);
  });
});

describe('related links in the two languages', () => {
  it('names the English entry whose related list differs from the Vietnamese one, and the ids that differ', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const english = entries.find((e) => e.lang === 'en' && e.data.id === 'dang-ky-khai-tu')!;
    const vietnamese = entries.find((e) => e.lang === 'vi' && e.data.id === 'dang-ky-khai-tu')!;
    // An English entry that links a translated entry the Vietnamese one does not, and misses one it does.
    const linked = { ...english, data: { ...english.data, id: 'dang-ky-khai-sinh', related: ['dang-ky-khai-tu'] } };
    const drifted = [
      ...entries.filter((e) => e !== vietnamese),
      { ...vietnamese, data: { ...vietnamese.data, related: ['dang-ky-khai-sinh'] } },
    ];
    const withTranslation = [
      ...drifted.map((e) => (e === english ? { ...e, data: { ...e.data, related: ['chung-thuc-ban-sao'] } } : e)),
      linked,
    ];
    expect(relatedMismatches(withTranslation).map(({ entry, onlyVi, onlyEn }) => [entry.data.id, onlyVi, onlyEn])).toEqual([
      ['dang-ky-khai-tu', ['dang-ky-khai-sinh'], ['chung-thuc-ban-sao']],
    ]);
  });

  it('does not count a link to an entry that has no English version yet', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    expect(entries.find((e) => e.lang === 'vi' && e.data.id === 'dang-ky-khai-tu')!.data.related).toEqual(['dang-ky-khai-sinh']);
    expect(relatedMismatches(entries)).toEqual([]);
  });
});
