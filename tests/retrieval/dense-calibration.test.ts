import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { answerProbability, DEFAULT_DECISION_MODEL } from '../../src/retrieval/answer-decision.ts';
import { calibratedProbability, calibrationFor, type DenseCalibration } from '../../src/retrieval/dense-calibration.ts';
import { openSearch } from '../../src/retrieval/open-search.ts';
import { handbookEntries } from '../../src/service/question-index.ts';
import { countingTinyEmbedder, tempHandbook } from '../support/index-fixture.ts';

const TINY = { id: 'tiny-random-bert', dtype: 'fp32' };

/** A calibration that reads nothing but its bias: it answers everything (bias 10) or nothing (bias -10). */
function fixed(bias: number, model = TINY): DenseCalibration {
  return { model, weights: { keyword: 0, first: 0, gap: 0, sameFirst: 0 }, bias, answerAt: 0.5, fittedOn: 'test' };
}

describe('a calibration of the answer decision for a model', () => {
  const calibration: DenseCalibration = { ...fixed(-1), weights: { keyword: 1, first: 2, gap: 3, sameFirst: 0.5 } };
  const signals = { keywordProbability: 0.5, first: 0.4, gap: 0.1, sameFirst: 1 };

  it('is more confident the more similar the model finds the first entry, and the further above the second', () => {
    const base = calibratedProbability(signals, calibration);
    expect(calibratedProbability({ ...signals, first: 0.8 }, calibration)).toBeGreaterThan(base);
    expect(calibratedProbability({ ...signals, gap: 0.3 }, calibration)).toBeGreaterThan(base);
    expect(calibratedProbability({ ...signals, keywordProbability: 0.9 }, calibration)).toBeGreaterThan(base);
  });

  it('reads the keyword probability as log-odds, so a certain keyword decision does not overflow', () => {
    expect(calibratedProbability({ ...signals, keywordProbability: 1 }, calibration)).toBeLessThanOrEqual(1);
    expect(calibratedProbability({ ...signals, keywordProbability: 0 }, calibration)).toBeGreaterThanOrEqual(0);
  });

  it('applies only to the model and weights it was fitted with', () => {
    expect(calibrationFor(calibration, TINY)).toBe(calibration);
    expect(calibrationFor(calibration, { ...TINY, dtype: 'q8' })).toBeUndefined();
    expect(calibrationFor(calibration, { id: 'intfloat/multilingual-e5-small', dtype: 'fp32' })).toBeUndefined();
    expect(calibrationFor(calibration, undefined)).toBeUndefined();
    expect(calibrationFor(undefined, TINY)).toBeUndefined();
  });
});

// The tiny model has random weights: these tests check that the real model path reads a calibration for it, never
// that the model helps.
describe('searching with a model the answer decision is calibrated for', () => {
  const open = async (dense: DenseCalibration | undefined, denseWeight?: number) => {
    const config = await tempHandbook();
    const embedder = await countingTinyEmbedder(config);
    const { dir } = await buildIndex({ dataDir: config.dataDir, entries: await handbookEntries(config), embedder });
    const fusion = { ...config.retrieval, ...(denseWeight === undefined ? {} : { denseWeight }) };
    return (await openSearch(dir, fusion, embedder, { ...DEFAULT_DECISION_MODEL, dense })).search;
  };

  it("decides by the calibration for the loaded model, and says the model's similarity counts", async () => {
    const uncalibrated = await open(undefined);
    const never = await open(fixed(-10));
    const always = await open(fixed(10));
    expect(uncalibrated.confidenceFrom).toBe('keywords');
    expect(never.confidenceFrom).toBe('keywords and model');

    const clear = { question: 'dang ky khai tu can giay to gi', k: 3 };
    expect((await uncalibrated.search(clear)).status).toBe('answered');
    const refused = await never.search(clear);
    // Not sure, not "nothing close": the entries are still related, and listed.
    expect(refused.status).toBe('no_confident_answer');
    expect(refused.results[0]?.entry.id).toBe('dang-ky-khai-tu');

    const unsure = { question: 'Chứng thực chữ ký cần giấy tờ gì?', k: 3 };
    expect((await uncalibrated.search(unsure)).status).toBe('no_confident_answer');
    expect((await always.search(unsure)).status).toBe('answered');
  });

  it('records what the model says of the first entry beside the keyword probability it was given', async () => {
    const outcome = await (await open(undefined)).search({ question: 'dang ky khai tu can giay to gi', k: 1 });
    expect(outcome.dense).toBeDefined();
    const { keywordProbability, first, gap, sameFirst } = outcome.dense!;
    expect(keywordProbability).toBeCloseTo(answerProbability(outcome.features!), 12);
    expect(first).toBe(outcome.results[0]!.dense);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(1);
    // The gap is to the second entry, although only one was asked for.
    expect(Math.abs(gap)).toBeLessThanOrEqual(1);
    expect([0, 1]).toContain(sameFirst);
  });

  it('never answers with an entry the model put first over the one the keyword decision vouched for', async () => {
    // Ranked by the random model alone, the death-registration question finds another entry first.
    const question = { question: 'dang ky khai tu can giay to gi', k: 3 };
    const byModel = await (await open(undefined, 1)).search(question);
    expect(byModel.dense?.sameFirst).toBe(0);
    expect(byModel.results[0]?.entry.id).not.toBe('dang-ky-khai-tu');
    // The keyword decision is sure of its own first entry…
    expect(byModel.confidence).toBeGreaterThan(DEFAULT_DECISION_MODEL.answerAt);
    // …which is not the one shown first, so the officer gets the closest entries, not an answer.
    expect(byModel.status).toBe('no_confident_answer');
    // A calibration reads that the rankings disagree (sameFirst) and decides for itself.
    expect((await (await open(fixed(10), 1)).search(question)).status).toBe('answered');
  });

  it('keeps the keyword decision when the calibration is for another model', async () => {
    const other = await open(fixed(10, { id: 'intfloat/multilingual-e5-small', dtype: 'q8' }));
    expect(other.confidenceFrom).toBe('keywords');
    expect((await other.search({ question: 'Chứng thực chữ ký cần giấy tờ gì?', k: 3 })).status).toBe('no_confident_answer');
  });
});
