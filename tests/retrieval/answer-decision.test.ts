import { describe, expect, it } from 'vitest';
import { closeness, decide, type DecisionModel } from '../../src/retrieval/answer-decision.ts';
import { decisionFeatures as features } from '../support/decision-features.ts';

const model: DecisionModel = {
  weights: {
    coverage: 0,
    titleCoverage: 0,
    pairCoverage: 0,
    margin: 0,
    known: 0,
    glossary: 0,
    shortness: 0,
    coverageGap: 0,
    wordingAgrees: 0,
  },
  bias: 0,
  answerAt: 0.8,
  noMatch: { probability: 0.8, closeness: 0.12, known: 0.3 },
};

describe('the answer decision', () => {
  it('answers at or above the threshold, and never from another entry when the question names an uncovered procedure', () => {
    expect(decide(features({}), 0.8, model)).toBe('answered');
    expect(decide(features({}), 0.9, model, true)).toBe('no_confident_answer');
  });

  it('says nothing is close when the best entry shares only loose syllables and no word pair with the question', () => {
    const syllablesOnly = features({ coverage: 0.17, pairCoverage: 0, known: 0.33 });
    expect(closeness(syllablesOnly)).toBeLessThan(model.noMatch.closeness);
    expect(syllablesOnly.closest).toBe(closeness(syllablesOnly));
    expect(decide(syllablesOnly, 0.1, model)).toBe('no_match');
  });

  it('keeps the closest entries when the same share of the question also matches as word pairs', () => {
    expect(decide(features({ coverage: 0.17, pairCoverage: 0.17, known: 0.33 }), 0.1, model)).toBe('no_confident_answer');
  });

  it('keeps the closest entries when the best by score is not close but another of the first three is', () => {
    const secondIsClose = features({ coverage: 0.17, pairCoverage: 0, known: 0.6, closest: 0.4 });
    expect(decide(secondIsClose, 0.1, model)).toBe('no_confident_answer');
  });

  it('says nothing is close when the handbook knows too few of the question’s words', () => {
    expect(decide(features({ known: 0.2 }), 0.1, model)).toBe('no_match');
    expect(decide(undefined, 0, model)).toBe('no_match');
  });

  it('never says nothing is close of a bare glossary term that links to entries, even one no entry spells out', () => {
    const abbreviation = features({ coverage: 0.1, pairCoverage: 0, known: 0.1 });
    expect(decide(abbreviation, 0.1, model)).toBe('no_match');
    expect(decide({ ...abbreviation, bareTerm: 1 }, 0.1, model)).toBe('no_confident_answer');
    expect(decide({ ...abbreviation, bareTerm: -1 }, 0.1, model)).toBe('no_confident_answer');
  });

  it('never answers a bare glossary term with an entry the glossary does not link to it', () => {
    expect(decide(features({ bareTerm: 1 }), 0.95, model)).toBe('answered');
    expect(decide(features({ bareTerm: -1 }), 0.95, model)).toBe('no_confident_answer');
  });
});
