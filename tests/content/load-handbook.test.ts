import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandbookError } from '../../src/content/entry-error.ts';
import { entryKey, loadHandbook } from '../../src/content/load-handbook.ts';
import { FIXTURE_HANDBOOK, ROOT } from '../support/paths.ts';

const fixture = (name: string) => path.join(ROOT, 'tests/fixtures', name, 'handbook');

/** The HandbookError a handbook folder fails with. */
async function handbookError(dir: string): Promise<HandbookError> {
  try {
    await loadHandbook({ dir });
  } catch (e) {
    if (e instanceof HandbookError) return e;
    throw e;
  }
  throw new Error(`expected ${dir} to be rejected, but it loaded`);
}

const countByLang = (entries: { lang: string }[]) =>
  entries.reduce<Record<string, number>>((n, e) => ({ ...n, [e.lang]: (n[e.lang] ?? 0) + 1 }), {});

describe('loadHandbook', () => {
  it('loads the published entries of both languages', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    expect(countByLang(entries)).toEqual({ vi: 4, en: 1 });
    expect(entries.map((e) => e.file)).toEqual([
      'handbook/en/civil-status/death-registration.md',
      'handbook/vi/certification/chung-thuc-ban-sao.md',
      'handbook/vi/civil-status/dang-ky-khai-sinh.md',
      'handbook/vi/civil-status/dang-ky-khai-tu.md',
      'handbook/vi/fees-payments/thu-phi-khi-mat-ket-noi.md',
    ]);
  });

  it('leaves drafts out unless asked to include them', async () => {
    const published = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    expect(published.entries.some((e) => e.data.id === 'ban-nhap')).toBe(false);
    expect(published.byId.has(entryKey('vi', 'ban-nhap'))).toBe(false);

    const all = await loadHandbook({ dir: FIXTURE_HANDBOOK, includeDrafts: true });
    expect(countByLang(all.entries)).toEqual({ vi: 5, en: 1 });
    expect(all.byId.get(entryKey('vi', 'ban-nhap'))?.data.status).toBe('draft');
  });

  it('finds an entry and its translation by language and id', async () => {
    const { byId } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    expect(byId.get(entryKey('vi', 'dang-ky-khai-tu'))?.url).toBe('/civil-status/dang-ky-khai-tu/');
    expect(byId.get(entryKey('en', 'dang-ky-khai-tu'))?.url).toBe('/en/civil-status/death-registration/');
  });

  it('shows file paths relative to the given root', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK, root: ROOT });
    expect(entries[0]?.file).toBe('tests/fixtures/handbook/en/civil-status/death-registration.md');
  });

  it('rejects two entries of one language with the same id, naming both files', async () => {
    const error = await handbookError(fixture('bad-handbook-duplicate-id'));
    expect(error.message).toMatchInlineSnapshot(`
      "The handbook has 1 problem; fix the entries below and build again.
        handbook/vi/other/dang-ky-khai-tu.md:2: id: "dang-ky-khai-tu" is already the id of handbook/vi/civil-status/dang-ky-khai-tu.md; choose another id"
    `);
    expect(error.problems).toEqual([
      {
        file: 'handbook/vi/other/dang-ky-khai-tu.md',
        line: 2,
        field: 'id',
        message: '"dang-ky-khai-tu" is already the id of handbook/vi/civil-status/dang-ky-khai-tu.md; choose another id',
      },
    ]);
  });

  it('rejects a related id that no entry of the same language has, at the line of related', async () => {
    const error = await handbookError(fixture('bad-handbook-missing-related'));
    expect(error.problems).toEqual([
      {
        file: 'handbook/en/civil-status/death-registration.md',
        line: 5,
        field: 'related.0',
        message: 'no en entry has the id "dang-ky-khai-sinh"; write the id of an existing en entry or remove it',
      },
      {
        file: 'handbook/vi/civil-status/dang-ky-khai-tu.md',
        line: 6,
        field: 'related.1',
        message: 'no vi entry has the id "dang-ky-ket-hon"; write the id of an existing vi entry or remove it',
      },
    ]);
  });

  it('reports the problems of every file at once', async () => {
    const error = await handbookError(fixture('bad-handbook-many-problems'));
    expect(error.name).toBe('HandbookError');
    expect(error.message).toMatchInlineSnapshot(`
      "The handbook has 5 problems; fix the entries below and build again.
        handbook/vi/certification/chung-thuc-chu-ky.md:6: fix the YAML: Flow sequence in block collection must be sufficiently indented and end with a ]
        handbook/vi/civil-status/ket-hon.md:5: status: write draft or published (got "live")
        handbook/vi/ghi-chu.md:1: move the file to handbook/<vi|en>/<topic>/<slug>.md, where topic is one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other
        handbook/vi/land/tranh-chap-dat.md:4: topic: the file is in the "land" folder; write topic: land or move the file to handbook/vi/construction/
        handbook/vi/civil-status/dang-ky-khai-tu.md:5: related.0: no vi entry has the id "dang-ky-khai-sinh"; write the id of an existing vi entry or remove it"
    `);
  });

  it.each([
    [
      'a field of the wrong kind',
      '  - Làm giấy khai sinh cho con cần giấy tờ gì?',
      '  - giấy tờ: những gì',
      'put the whole text in quotes',
    ],
    ['broken YAML', 'tags: [khai sinh, hộ tịch]', 'tags: [khai sinh, hộ tịch', 'fix the YAML'],
  ])('reports an entry with %s once, not again at every entry that links to it', async (_, line, broken, message) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'handbook-broken-'));
    try {
      await cp(FIXTURE_HANDBOOK, path.join(dir, 'handbook'), { recursive: true });
      const file = path.join(dir, 'handbook/vi/civil-status/dang-ky-khai-sinh.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace(line, broken));
      const error = await handbookError(path.join(dir, 'handbook'));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ file: 'handbook/vi/civil-status/dang-ky-khai-sinh.md' });
      expect(error.problems[0]?.message).toContain(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a folder with no entries', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'handbook-empty-'));
    await mkdir(path.join(dir, 'handbook', 'vi', 'land'), { recursive: true });
    try {
      await expect(loadHandbook({ dir: path.join(dir, 'handbook'), root: dir })).rejects.toThrowErrorMatchingInlineSnapshot(`
        [HandbookError: The handbook has 1 problem; fix the entries below and build again.
          handbook:1: no entries found; add Markdown files as <lang>/<topic>/<slug>.md (see docs/writing-entries.md)]
      `);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
