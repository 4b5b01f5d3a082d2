import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishProblems } from '../../src/authoring/publish-checks.ts';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { syntheticStoredEntries, writeSyntheticHandbook } from '../../src/evaluation/synthetic-handbook.ts';
import { toStoredEntry } from '../../src/indexing/handbook-documents.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

describe('a synthetic handbook', () => {
  it('is the same for the same seed and differs for another', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const a = syntheticStoredEntries(entries, { count: 50, seed: 5 });
    expect(syntheticStoredEntries(entries, { count: 50, seed: 5 })).toEqual(a);
    expect(syntheticStoredEntries(entries, { count: 50, seed: 6 }).map((e) => e.title)).not.toEqual(a.map((e) => e.title));
    expect(new Set(a.map((e) => e.id)).size).toBe(50);
    expect(a[7]!.id).toBe('synth-000007');
    expect(new Set(a.map((e) => e.title)).size).toBeGreaterThan(45);
  });

  it('gives each entry the search phrases of the real entry it is made from, as real entries have them', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const made = syntheticStoredEntries(entries, { count: 50, seed: 5 });
    const fromDeath = made.filter((e) => e.title.startsWith('Đăng ký khai tử cần những giấy tờ gì'));
    expect(fromDeath.length).toBeGreaterThan(0);
    for (const e of fromDeath) expect(e.searchPhrases).toEqual(['ông cụ trong xóm vừa qua đời']);
  });

  it('writes Markdown files that the loader reads back as exactly the entries made in memory, and that pass the publishing checks', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const dir = await mkdtemp(path.join(tmpdir(), 'synthetic-handbook-'));
    try {
      const made = await writeSyntheticHandbook(entries, dir, { count: 120, seed: 9 });
      const loaded = await loadHandbook({ dir, includeDrafts: true });
      expect(loaded.entries.map(toStoredEntry)).toEqual(made);
      expect(loaded.entries.flatMap((e) => publishProblems(e, new Date('2030-01-01')))).toEqual([]);
      // About the real entries' size: every section is a real one.
      const words = (e: (typeof made)[number]) =>
        e.sections
          .map((s) => s.text)
          .join(' ')
          .split(/\s+/).length;
      const realWords = entries
        .filter((e) => e.lang === 'vi')
        .map(
          (e) =>
            e.sections
              .map((s) => s.text)
              .join(' ')
              .split(/\s+/).length,
        );
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(made.map(words)) / mean(realWords)).toBeGreaterThan(0.6);
      expect(mean(made.map(words)) / mean(realWords)).toBeLessThan(1.6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
