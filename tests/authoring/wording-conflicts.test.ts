import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { wordingConflicts, wordingLine } from '../../src/authoring/wording-conflicts.ts';
import { loadConfig } from '../../src/config.ts';
import type { GlossaryTerm } from '../../src/content/glossary.ts';
import type { StoredEntry } from '../../src/indexing/handbook-documents.ts';
import { HandbookSearch } from '../../src/retrieval/handbook-search.ts';
import { handbookEntries, handbookGlossary } from '../../src/service/question-index.ts';
import { REAL_HANDBOOK, ROOT } from '../support/paths.ts';

let entries: StoredEntry[];
let glossary: GlossaryTerm[];

beforeAll(async () => {
  const config = loadConfig({ HANDBOOK_DIR: REAL_HANDBOOK, HANDBOOK_MODEL: 'off' }, ROOT);
  entries = await handbookEntries(config);
  glossary = await handbookGlossary(config);
});

const byKey = (lang: string, id: string) => entries.find((e) => e.lang === lang && e.id === id)!;

describe('wordingConflicts', () => {
  it("lists an alias that Ask answers with another entry, naming that entry, and nothing more of the entry's", async () => {
    const birth = byKey('vi', 'dang-ky-khai-sinh');
    const stray = byKey('vi', 'cai-chinh-ho-tich').title;
    const edited = { ...birth, aliases: [...birth.aliases, stray] };
    const retrieval = loadConfig({ HANDBOOK_MODEL: 'off' }, ROOT).retrieval;
    const before = await wordingConflicts(new HandbookSearch(entries, retrieval, undefined, { glossary }), [birth]);
    const search = new HandbookSearch(
      entries.map((e) => (e === birth ? edited : e)),
      retrieval,
      undefined,
      { glossary },
    );
    const after = await wordingConflicts(search, [edited]);
    expect(after.filter((c) => c.text === stray)).toEqual([
      expect.objectContaining({
        id: 'dang-ky-khai-sinh',
        field: 'aliases',
        index: birth.aliases.length,
        answeredWith: 'cai-chinh-ho-tich',
      }),
    ]);
    expect(after).toHaveLength(before.length + 1);
  });
});

describe('wordingLine', () => {
  const source = ['---', 'id: x', 'aliases:', '  - Làm lại giấy khai sinh', '  - "Sổ đỏ: cấp lại"', 'searchPhrases:', '  - khai sinh'].join(
    '\n',
  );

  it('finds the line of a wording from its field on, so a word the question also uses is not taken for it', () => {
    expect(wordingLine(source, 3, 'Làm lại giấy khai sinh')).toBe(4);
    expect(wordingLine(source, 6, 'khai sinh')).toBe(7);
  });

  it("falls back to the field's line when the wording is written otherwise", () => {
    expect(wordingLine(source, 3, 'Sổ đỏ: cấp lại bản gốc')).toBe(3);
  });
});

describe('npm run check -- --wordings', () => {
  it('lists each wording Ask answers with another entry by file and line, and still passes the handbook', () => {
    const out = spawnSync(process.execPath, ['scripts/check-handbook.ts', '--wordings'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(out.status, out.stderr).toBe(0);
    const listed = out.stdout.split('\nWordings Ask answers with another entry (')[1];
    expect(listed).toBeDefined();
    const lines = listed!.split('\n\n')[0]!.split('\n').slice(1);
    for (const line of lines)
      expect(line).toMatch(
        /^ {2}handbook\/(vi|en)\/[\w-]+\/[\w-]+\.md:\d+: (question|aliases|searchPhrases): ".+" is answered with [\w-]+ \(\d\.\d\d\)$/,
      );
  });
});
