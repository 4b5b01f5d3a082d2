import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/content/glossary.ts';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function glossary(yaml: string, ids = new Set(['vi:dang-ky-khai-tu'])) {
  dir = await mkdtemp(path.join(tmpdir(), 'glossary-'));
  await writeFile(path.join(dir, 'glossary.yaml'), yaml);
  return loadGlossary(dir, ids, path.dirname(dir));
}

describe('the glossary file', () => {
  it('reads official terms with the words people use and the entries they lead to', async () => {
    expect(await glossary('- term: Trích lục khai tử\n  lang: vi\n  says: [giấy chứng tử]\n  entries: [dang-ky-khai-tu]\n')).toEqual([
      { term: 'Trích lục khai tử', lang: 'vi', says: ['giấy chứng tử'], entries: ['dang-ky-khai-tu'], notCovered: false },
    ]);
  });

  it('refuses entries on a term the handbook does not cover', async () => {
    const bad = glossary('- term: Cấp hộ chiếu\n  lang: vi\n  says: [làm hộ chiếu]\n  entries: [dang-ky-khai-tu]\n  notCovered: true\n');
    await expect(bad).rejects.toThrow(
      /glossary\.yaml:1: 0\.entries: a term the handbook does not cover links to no entry; remove its entries or remove notCovered/,
    );
  });

  it('names the file, line and field of every bad item', async () => {
    const bad = glossary('- term: Trích lục khai tử\n  lang: vi\n  says: [giấy chứng tử]\n- term: X\n  lang: fr\n  says: []\n');
    await expect(bad).rejects.toThrow(/glossary\.yaml:4: 1\.term: write the official term \(at least 2 characters\) \(got "X"\)/);
    await expect(bad).rejects.toThrow(/glossary\.yaml:5: 1\.lang: write vi or en \(got "fr"\)/);
    await expect(bad).rejects.toThrow(/glossary\.yaml:6: 1\.says: write at least one everyday word for the term/);
  });

  it('refuses a phrase that names two terms, or one term twice as search reads it', async () => {
    const bad = glossary(
      [
        '- term: Giấy chứng nhận quyền sử dụng đất',
        '  lang: vi',
        '  says: [sổ đỏ, so do, Giấy chứng nhận quyền sử dụng đất]',
        '- term: Giấy chứng nhận quyền sở hữu nhà ở',
        '  lang: vi',
        '  says: [sổ hồng, Sổ Đỏ]',
        '- term: red book',
        '  lang: en',
        '  says: [sổ đỏ]',
      ].join('\n'),
    );
    await expect(bad).rejects.toThrow(
      /glossary\.yaml:1: 0\.says\.1: "so do" is "sổ đỏ" to search, which ignores diacritics and case; keep one/,
    );
    await expect(bad).rejects.toThrow(
      /glossary\.yaml:1: 0\.says\.2: "Giấy chứng nhận quyền sử dụng đất" repeats "Giấy chứng nhận quyền sử dụng đất" of the same item; remove it/,
    );
    await expect(bad).rejects.toThrow(/glossary\.yaml:4: 1\.says\.1: "Sổ Đỏ" also names "Giấy chứng nhận quyền sử dụng đất" \(item 0\)/);
    // The same words in the other language's half are another phrase.
    await expect(bad).rejects.not.toThrow(/2\.says/);
  });

  it('refuses a link to an entry that does not exist, and a term listed twice', async () => {
    const bad = glossary(
      '- term: Sổ đỏ\n  lang: vi\n  says: [bìa đỏ]\n  entries: [khong-co]\n- term: sổ đỏ\n  lang: vi\n  says: [sổ hồng]\n',
    );
    await expect(bad).rejects.toThrow(/glossary\.yaml:1: 0\.entries\.0: no vi entry has the id "khong-co"/);
    await expect(bad).rejects.toThrow(/glossary\.yaml:5: 1\.term: "sổ đỏ" is already item 0; merge the two items/);
  });
});
