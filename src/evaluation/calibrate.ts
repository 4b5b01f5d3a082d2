import type { StoredEntry } from '../indexing/handbook-documents.ts';
import type { FusionSettings } from '../retrieval/fusion.ts';
import { HandbookSearch } from '../retrieval/handbook-search.ts';

/** Confidence of one calibration question and whether its top entry was right. */
export interface CalibrationPoint {
  confidence: number;
  /** True for an in-scope question whose top entry is its own entry; false otherwise. */
  correct: boolean;
  inScope: boolean;
}

/**
 * Calibration points from the handbook itself: every alias is asked as a
 * question against an index where that alias is removed from its entry
 * (leave-one-out, so the entry cannot match its own words), and every
 * out-of-scope question is asked as it is.
 */
export async function handbookCalibrationPoints(entries: StoredEntry[], outOfScope: Record<'vi' | 'en', string[]>, fusion: FusionSettings): Promise<CalibrationPoint[]> {
  const points: CalibrationPoint[] = [];
  for (const [i, entry] of entries.entries()) {
    for (const [a, alias] of entry.aliases.entries()) {
      const without = entries.map((e, j) => (j === i ? { ...e, aliases: e.aliases.filter((_, k) => k !== a) } : e));
      const out = await new HandbookSearch(without, fusion).search({ question: alias, lang: entry.lang, k: 1 });
      points.push({ confidence: out.confidence, correct: out.results[0]?.entry.key === entry.key, inScope: true });
    }
  }
  const search = new HandbookSearch(entries, fusion);
  for (const lang of ['vi', 'en'] as const) {
    for (const question of outOfScope[lang]) {
      const out = await search.search({ question, lang, k: 1 });
      points.push({ confidence: out.confidence, correct: false, inScope: false });
    }
  }
  return points;
}

/** Outcome of answering at one threshold. */
export interface ThresholdRow {
  threshold: number;
  /** In-scope questions answered with the right entry. */
  rightAnswers: number;
  /** In-scope questions answered with a wrong entry. */
  wrongAnswers: number;
  /** Out-of-scope questions answered anyway. */
  outOfScopeAnswered: number;
  /** In-scope questions refused. */
  refused: number;
}

/** What each threshold from 0.05 to 0.95 would do to the calibration points. */
export function thresholdTable(points: CalibrationPoint[]): ThresholdRow[] {
  const rows: ThresholdRow[] = [];
  for (let t = 0.05; t < 0.951; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const answered = points.filter((p) => p.confidence >= threshold);
    rows.push({
      threshold,
      rightAnswers: answered.filter((p) => p.inScope && p.correct).length,
      wrongAnswers: answered.filter((p) => p.inScope && !p.correct).length,
      outOfScopeAnswered: answered.filter((p) => !p.inScope).length,
      refused: points.filter((p) => p.inScope && p.confidence < threshold).length,
    });
  }
  return rows;
}
