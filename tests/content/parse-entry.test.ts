import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/content/entry-error.ts';
import { parseEntry, type HandbookEntry } from '../../src/content/parse-entry.ts';

const FILE = 'handbook/vi/land/tranh-chap-dat.md';

/** Frontmatter lines 2–5 of every sample file; line 1 is the opening `---`. */
const FRONTMATTER = ['id: tranh-chap-dat', 'question: Đất có tranh chấp thì hòa giải ở đâu?', 'topic: land', 'reviewedOn: 2026-05-01'].join(
  '\n',
);

const BODY = '\n## Cần làm gì\n\nHòa giải tại UBND cấp xã trước khi khởi kiện.\n';

/** A whole entry file: frontmatter between `---` lines, then the answer. */
const entryFile = (frontmatter = FRONTMATTER, body = BODY) => `---\n${frontmatter}\n---\n${body}`;

/** The problems of a file, formatted as editors and CI logs show them. */
function problems(file: string, source: string): string[] {
  const result = parseEntry(file, source);
  if (result.ok) throw new Error(`expected ${file} to be rejected, but it parsed`);
  return result.problems.map(formatProblem);
}

function entry(file: string, source: string): HandbookEntry {
  const result = parseEntry(file, source);
  if (!result.ok) throw new Error(`expected ${file} to parse, got:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.entry;
}

describe('parseEntry', () => {
  it('parses a valid entry with its language, topic, slug, URL and defaults', () => {
    const e = entry(FILE, entryFile());
    expect(e).toMatchObject({
      lang: 'vi',
      topic: 'land',
      slug: 'tranh-chap-dat',
      file: FILE,
      url: '/land/tranh-chap-dat/',
      data: { id: 'tranh-chap-dat', question: 'Đất có tranh chấp thì hòa giải ở đâu?', status: 'published', reviewEvery: 6 },
      sections: [{ heading: 'Cần làm gì', text: 'Hòa giải tại UBND cấp xã trước khi khởi kiện.' }],
    });
    expect(e.body).toBe(BODY);
  });

  it('remembers the line of each frontmatter field', () => {
    expect(entry(FILE, entryFile()).fieldLines).toMatchObject({ id: 2, question: 3, topic: 4, reviewedOn: 5 });
  });

  it('gives English entries a URL under /en/ and lets their id differ from the file name', () => {
    const e = entry('handbook/en/land/land-disputes.md', entryFile());
    expect(e).toMatchObject({ lang: 'en', slug: 'land-disputes', url: '/en/land/land-disputes/', data: { id: 'tranh-chap-dat' } });
  });

  it('names the file, line and field of a topic the schema does not know', () => {
    expect(problems(FILE, entryFile(FRONTMATTER.replace('topic: land', 'topic: lands')))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:4: topic: write one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other (got "lands")',
    ]);
  });

  it('names the line of a bad item inside a list', () => {
    const source = entryFile(`${FRONTMATTER}\naliases:\n  - Tranh chấp đất đai giải quyết ở đâu?\n  - "Đ?"`);
    expect(problems(FILE, source)).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:8: aliases.1: write each alias as a full question (at least 3 characters) (got "Đ?")',
    ]);
  });

  it('asks to add a missing field, at line 1 since it has no line of its own', () => {
    const source = entryFile(FRONTMATTER.replace('question: Đất có tranh chấp thì hòa giải ở đâu?\n', ''));
    expect(problems(FILE, source)).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:1: question: add this field: write the question officers ask, for example "Đăng ký khai tử cần giấy tờ gì?"',
    ]);
  });

  it('names an unknown field and lists the allowed ones', () => {
    expect(problems(FILE, entryFile(`${FRONTMATTER}\nauthor: Nguyễn Văn A`))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:6: author: remove this field or rename it; allowed fields are: id, question, aliases, searchPhrases, topic, tags, legalBasis, appliesTo, related, openQuestions, owner, reviewedOn, reviewEvery, status',
    ]);
  });

  // parseEntry reads only `issue.keys[0]` of zod's unrecognized_keys issue, so a second
  // unknown field is not reported until the first is fixed.
  it('names every unknown field, not only the first', () => {
    expect(problems(FILE, entryFile(`${FRONTMATTER}\nauthor: Nguyễn Văn A\neditor: Trần Thị B`))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:6: author: remove this field or rename it; allowed fields are: id, question, aliases, searchPhrases, topic, tags, legalBasis, appliesTo, related, openQuestions, owner, reviewedOn, reviewEvery, status',
      'handbook/vi/land/tranh-chap-dat.md:7: editor: remove this field or rename it; allowed fields are: id, question, aliases, searchPhrases, topic, tags, legalBasis, appliesTo, related, openQuestions, owner, reviewedOn, reviewEvery, status',
    ]);
  });

  it('reports every invalid field of a file, each on its own line', () => {
    expect(problems(FILE, entryFile(`${FRONTMATTER}\nstatus: live\nreviewEvery: six\nappliesTo: [commune, district]`))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:8: appliesTo.1: write commune, ward or province (got "district")',
      'handbook/vi/land/tranh-chap-dat.md:7: reviewEvery: write a whole number of months, for example 6 (got "six")',
      'handbook/vi/land/tranh-chap-dat.md:6: status: write draft or published (got "live")',
    ]);
  });

  it('gives the line of a YAML syntax error', () => {
    expect(problems(FILE, entryFile(`${FRONTMATTER}\ntags: [đất đai, tranh chấp`))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:6: fix the YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('rejects a field written twice, at the second one', () => {
    const [problem] = problems(FILE, entryFile(`${FRONTMATTER}\ntopic: construction`));
    expect(problem).toMatch(/^handbook\/vi\/land\/tranh-chap-dat\.md:6: fix the YAML: /);
  });

  it('rejects frontmatter that is a list instead of fields', () => {
    expect(problems(FILE, entryFile('- id\n- question'))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:2: write the frontmatter as "field: value" lines',
    ]);
  });

  it('rejects a topic that disagrees with the folder', () => {
    expect(problems(FILE, entryFile(FRONTMATTER.replace('topic: land', 'topic: construction')))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:4: topic: the file is in the "land" folder; write topic: land or move the file to handbook/vi/construction/',
    ]);
  });

  it('rejects a Vietnamese entry whose id is not its file name', () => {
    expect(problems('handbook/vi/land/hoa-giai-dat.md', entryFile())).toEqual([
      'handbook/vi/land/hoa-giai-dat.md:2: id: Vietnamese entries use the id as file name; write id: hoa-giai-dat or rename the file to tranh-chap-dat.md',
    ]);
  });

  it('rejects a file without frontmatter', () => {
    expect(problems(FILE, '# Đất có tranh chấp thì hòa giải ở đâu?\n\nHòa giải tại UBND cấp xã.\n')).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:1: start the file with a frontmatter block between two "---" lines (see docs/writing-entries.md)',
    ]);
  });

  it('rejects an entry without an answer, at the line after the frontmatter', () => {
    const expected = ['handbook/vi/land/tranh-chap-dat.md:7: write the answer below the frontmatter, in "## " sections'];
    expect(problems(FILE, entryFile(FRONTMATTER, '\n'))).toEqual(expected);
    expect(problems(FILE, entryFile(FRONTMATTER, ''))).toEqual(expected);
  });

  it('rejects a published answer whose sections are empty, at each empty heading', () => {
    expect(problems(FILE, entryFile(FRONTMATTER, '\n## Cần làm gì\n\n## Hồ sơ\n'))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:8: write this section, or remove its heading',
      'handbook/vi/land/tranh-chap-dat.md:10: write this section, or remove its heading',
    ]);
  });

  it('rejects a published answer that still holds the scaffold placeholder', () => {
    expect(problems(FILE, entryFile(FRONTMATTER, '\n## Cần làm gì\n\n(Viết nội dung ở đây.)\n'))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:8: replace the placeholder text with the answer, or set status: draft',
    ]);
  });

  it('rejects raw HTML and script links in an answer, with their lines', () => {
    const body = '\n## Cần làm gì\n\nXem <img src=x onerror=alert(1)> và [đây](javascript:alert(1)).\n\n<script>alert(1)</script>\n';
    expect(problems(FILE, entryFile(FRONTMATTER, body))).toEqual([
      'handbook/vi/land/tranh-chap-dat.md:10: remove the HTML ("<img src=x onerror=alert(1)>"); write plain Markdown',
      'handbook/vi/land/tranh-chap-dat.md:10: link to an https:// address or a page of the handbook, not "javascript:alert(1)"',
      'handbook/vi/land/tranh-chap-dat.md:12: remove the HTML ("<script>alert(1)</script>"); write plain Markdown',
    ]);
  });

  it.each([
    ['directly under the language folder', 'handbook/vi/tranh-chap-dat.md'],
    ['in a folder that is not a topic', 'handbook/vi/dat-dai/tranh-chap-dat.md'],
    ['under a language the handbook does not have', 'handbook/fr/land/tranh-chap-dat.md'],
  ])('rejects a file %s', (_, file) => {
    expect(problems(file, entryFile())).toEqual([
      `${file}:1: move the file to handbook/<vi|en>/<topic>/<slug>.md, where topic is one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other`,
    ]);
  });

  it('rejects a file name that is not lowercase words joined by hyphens', () => {
    expect(problems('handbook/vi/land/Tranh_Chap_Dat.md', entryFile())).toEqual([
      'handbook/vi/land/Tranh_Chap_Dat.md:1: rename the file to lowercase ASCII words joined by hyphens (got "Tranh_Chap_Dat.md")',
    ]);
  });

  it('accepts a file saved in NFD (decomposed) Unicode', () => {
    const nfc = entry(FILE, entryFile());
    const nfd = entry(FILE, entryFile().normalize('NFD'));
    expect(nfd.data.id).toBe('tranh-chap-dat');
    expect(nfd.data.question.normalize('NFC')).toBe(nfc.data.question);
    expect(nfd.sections.map((s) => s.heading.normalize('NFC'))).toEqual(['Cần làm gì']);
  });

  it('accepts a byte-order mark and Windows line ends', () => {
    const e = entry(FILE, `\uFEFF${entryFile()}`.replace(/\n/g, '\r\n'));
    expect(e.data.question).toBe('Đất có tranh chấp thì hòa giải ở đâu?');
    expect(e.sections).toEqual([{ heading: 'Cần làm gì', text: 'Hòa giải tại UBND cấp xã trước khi khởi kiện.' }]);
  });

  it('splits the answer into sections at ## headings, keeping deeper headings inside a section', () => {
    const body = [
      '',
      'Lời dẫn trước mục đầu tiên.',
      '',
      '## Cần làm gì',
      '',
      'Nộp **đơn** tại [bộ phận một cửa](https://example.gov.vn).',
      '',
      '- Đơn đề nghị hòa giải.',
      '- Giấy tờ về đất.',
      '',
      '### Lưu ý',
      '',
      'Mang bản chính để đối chiếu.',
      '',
      '## Thời hạn',
      '',
      'Trong 45 ngày.',
      '',
    ].join('\n');
    expect(entry(FILE, entryFile(FRONTMATTER, body)).sections).toEqual([
      { heading: '', text: 'Lời dẫn trước mục đầu tiên.' },
      {
        heading: 'Cần làm gì',
        text: 'Nộp đơn tại bộ phận một cửa.\n- Đơn đề nghị hòa giải.\n- Giấy tờ về đất.\nLưu ý\nMang bản chính để đối chiếu.',
      },
      { heading: 'Thời hạn', text: 'Trong 45 ngày.' },
    ]);
  });
});

describe('parseEntry on a file with several problems', () => {
  it('reports a bad field and a folder mismatch in one pass', () => {
    const source = [
      '---',
      'id: dat-dai-lan-dau',
      'question: Cấp sổ đỏ lần đầu cần gì?',
      'topic: land',
      'reviewedOn: 2026-13-01',
      '---',
      '',
      '## Cần làm gì',
      '',
      'Nộp hồ sơ.',
      '',
    ].join('\n');
    const result = parseEntry('handbook/vi/construction/dat-dai-lan-dau.md', source);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'handbook/vi/construction/dat-dai-lan-dau.md:5: reviewedOn: write the review date as YYYY-MM-DD, for example 2025-09-15; that day does not exist (got "2026-13-01")',
      'handbook/vi/construction/dat-dai-lan-dau.md:4: topic: the file is in the "construction" folder; write topic: construction or move the file to handbook/vi/land/',
    ]);
  });
});
