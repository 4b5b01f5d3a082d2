import { beforeAll, describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { toStoredEntry, type StoredEntry } from '../../src/indexing/handbook-documents.ts';
import { confidence, denseScale, fuse, lexicalScale, type FusionSettings } from '../../src/retrieval/fusion.ts';
import { HandbookSearch } from '../../src/retrieval/handbook-search.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

const SETTINGS: FusionSettings = { denseWeight: 0.5, denseFloor: 0.7, threshold: 0.5, denseConfidenceWeight: 0 };

describe('denseScale', () => {
  it('maps the model’s unrelated floor to 0 and identical texts to 1', () => {
    expect(denseScale(0.7, 0.7)).toBe(0);
    expect(denseScale(1, 0.7)).toBe(1);
    expect(denseScale(0.85, 0.7)).toBeCloseTo(0.5, 12);
  });

  it('clamps similarities below the floor to 0 and above 1 to 1', () => {
    expect(denseScale(0.2, 0.7)).toBe(0);
    expect(denseScale(-1, 0.7)).toBe(0);
    expect(denseScale(1.2, 0.7)).toBe(1);
  });

  it('is linear between floor and 1 for any floor', () => {
    expect(denseScale(0.5, 0)).toBe(0.5);
    expect(denseScale(0, -1)).toBe(0.5);
  });

  it('measures from the question’s typical similarity when that is above the floor', () => {
    // A model that gives every passage 0.90–0.97 (as random weights do) barely separates them ...
    expect(denseScale(0.97, 0.7, 0.95)).toBeCloseTo(0.0667, 3);
    // ... while one that singles out a passage far above its neighbours separates it clearly.
    expect(denseScale(0.88, 0.7, 0.78)).toBeCloseTo(0.333, 3);
    // Below the baseline counts as no evidence, and a baseline under the floor changes nothing.
    expect(denseScale(0.9, 0.7, 0.95)).toBe(0);
    expect(denseScale(0.85, 0.7, 0.5)).toBeCloseTo(0.5, 12);
  });
});

describe('lexicalScale', () => {
  it('divides by the best score of the query', () => {
    expect(lexicalScale(10, 10)).toBe(1);
    expect(lexicalScale(2.5, 10)).toBe(0.25);
    expect(lexicalScale(0, 10)).toBe(0);
  });

  it('is 0 when nothing matched', () => {
    expect(lexicalScale(0, 0)).toBe(0);
  });
});

describe('fuse', () => {
  it('is the lexical score alone without a dense score', () => {
    expect(fuse(0.8, undefined, SETTINGS)).toBe(0.8);
  });

  it('blends lexical and dense scores by the dense weight', () => {
    expect(fuse(0.8, 0.4, SETTINGS)).toBeCloseTo(0.6, 12);
    expect(fuse(0.8, 0.4, { ...SETTINGS, denseWeight: 0.25 })).toBeCloseTo(0.7, 12);
    expect(fuse(0.8, 0.4, { ...SETTINGS, denseWeight: 0 })).toBe(0.8);
    expect(fuse(0.8, 0.4, { ...SETTINGS, denseWeight: 1 })).toBe(0.4);
  });

  it('keeps the lexical order when a poor model finds everything about equally similar', () => {
    // Lexical scores of one query's candidates (best first, steps of at least 0.05), and
    // cosines from a model that gives every passage 0.80 ± 0.005, in an order unrelated to them.
    const lexical = [
      [1, 0.93, 0.8, 0.61, 0.4, 0.12],
      [1, 0.5, 0.45, 0.3],
      [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65],
      [1, 0.2, 0.15, 0.05, 0],
    ];
    const jitter = [0.005, -0.005, 0.003, -0.004, 0.001, 0.0045, -0.002, -0.001];
    for (const scores of lexical) {
      const cosines = scores.map((_, i) => 0.8 + jitter[(i * 5 + 3) % jitter.length]!);
      const fused = scores.map((s, i) => fuse(s, denseScale(cosines[i]!, SETTINGS.denseFloor), SETTINGS));
      const order = (xs: number[]) =>
        xs
          .map((x, i) => ({ x, i }))
          .sort((a, b) => b.x - a.x)
          .map((r) => r.i);
      expect(order(fused)).toEqual(order(scores));

      // Stretching the same cosines to their observed range instead would reorder the
      // candidates: the reason the scale is anchored at the model's floor.
      const lo = Math.min(...cosines);
      const hi = Math.max(...cosines);
      const stretched = scores.map((s, i) => fuse(s, (cosines[i]! - lo) / (hi - lo), SETTINGS));
      expect(order(stretched)).not.toEqual(order(scores));
    }
  });
});

describe('confidence', () => {
  it('is the lexical coverage alone without a dense score', () => {
    expect(confidence(0.7, undefined, SETTINGS)).toBe(0.7);
    expect(confidence(0.7, undefined, { ...SETTINGS, denseConfidenceWeight: 0.5 })).toBe(0.7);
  });

  it('ignores the dense score by default, whatever the ranking weight', () => {
    expect(confidence(0.6, 0.2, SETTINGS)).toBe(0.6);
    expect(confidence(0.6, 1, { ...SETTINGS, denseWeight: 1 })).toBe(0.6);
  });

  it('blends the dense scale in by its own confidence weight', () => {
    expect(confidence(0.6, 0.2, { ...SETTINGS, denseConfidenceWeight: 0.5 })).toBeCloseTo(0.4, 12);
    expect(confidence(0.6, 0.2, { ...SETTINGS, denseConfidenceWeight: 0.25 })).toBeCloseTo(0.5, 12);
    expect(confidence(0.6, 0.2, { ...SETTINGS, denseConfidenceWeight: 1 })).toBe(0.2);
  });
});

describe('the answer threshold', () => {
  let entries: StoredEntry[];
  const outcomeAt = (threshold: number, question: string) =>
    new HandbookSearch(entries, { ...SETTINGS, threshold }).search({ question, lang: 'vi', k: 5 });

  beforeAll(async () => {
    entries = (await loadHandbook({ dir: FIXTURE_HANDBOOK })).entries.map(toStoredEntry);
  });

  it('answers when the confidence reaches the threshold exactly, and not below it', async () => {
    const question = 'lam giay chung tu can gi';
    const { confidence: c } = await outcomeAt(0.5, question);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect((await outcomeAt(c, question)).status).toBe('answered');
    expect((await outcomeAt(c - 0.01, question)).status).toBe('answered');
    expect((await outcomeAt(c + 0.01, question)).status).toBe('no_confident_answer');
  });

  it('keeps the ranking when the threshold changes', async () => {
    const question = 'lam giay chung tu can gi';
    const low = await outcomeAt(0, question);
    const high = await outcomeAt(1, question);
    expect(high.results.map((r) => r.entry.key)).toEqual(low.results.map((r) => r.entry.key));
    expect(low.status).toBe('answered');
    expect(high.status).toBe('no_confident_answer');
  });

  it('says nothing in the handbook is close, with zero confidence and no entries, when nothing matches', async () => {
    const outcome = await outcomeAt(0, 'giá vàng hôm nay');
    expect(outcome).toMatchObject({ status: 'no_match', confidence: 0, results: [] });
  });
});
