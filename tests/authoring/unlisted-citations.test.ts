import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlistedCitations } from '../../src/authoring/unlisted-citations.ts';
import { parseEntry, type HandbookEntry } from '../../src/content/parse-entry.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

const FILE = 'handbook/vi/civil-status/dang-ky-khai-tu.md';

/** The fixture's death-registration entry with its answer's first step extended by `sentence`. */
async function entryCiting(sentence: string): Promise<HandbookEntry> {
  const source = await readFile(path.join(FIXTURE_HANDBOOK, 'vi/civil-status/dang-ky-khai-tu.md'), 'utf8');
  const parsed = parseEntry(FILE, source.replace('trong 15 ngày kể từ ngày chết.', `trong 15 ngày kể từ ngày chết. ${sentence}`));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.entry;
}

describe('documents the answer cites but the legal basis does not list', () => {
  it('names each cited document number that legalBasis lacks, once', async () => {
    const entry = await entryCiting(
      'Mẫu tờ khai theo Thông tư 04/2020/TT-BTP; Nghị định 07/2025/NĐ-CP bỏ bản sao, xem Thông tư 04/2020/TT-BTP.',
    );
    expect(unlistedCitations([entry])).toEqual([{ entry, numbers: ['04/2020/TT-BTP', '07/2025/NĐ-CP'] }]);
  });

  it('says nothing of an entry whose legal basis lists what its answer cites, or that cites no numbered document', async () => {
    const cites = await entryCiting('Căn cứ Luật Hộ tịch 2014.');
    const listed = await entryCiting('Mẫu theo Thông tư 04/2020/TT-BTP.');
    listed.data.legalBasis.push('Thông tư 04/2020/TT-BTP');
    expect(unlistedCitations([cites, listed])).toEqual([]);
  });

  it('leaves drafts alone: they are not published yet', async () => {
    const draft = await entryCiting('Theo Nghị định 123/2015/NĐ-CP.');
    draft.data.status = 'draft';
    expect(unlistedCitations([draft])).toEqual([]);
  });
});
