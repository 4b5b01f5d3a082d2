import { closeness, type DecisionFeatures } from '../../src/retrieval/answer-decision.ts';

/** Signals of a middling best entry, with the given ones changed. */
export function decisionFeatures(over: Partial<DecisionFeatures> = {}): DecisionFeatures {
  const best = {
    coverage: 0.5,
    titleCoverage: 0.5,
    pairCoverage: 0.5,
    margin: 0.2,
    known: 1,
    glossary: 0,
    shortness: 0.1,
    coverageGap: 0.1,
    wordingAgrees: 1,
    bareTerm: 0,
    ...over,
  };
  // The closest of the first entries is the best one unless a test says otherwise.
  return { ...best, closest: over.closest ?? closeness(best) };
}
