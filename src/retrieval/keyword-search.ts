import { GlossaryExpander, type GlossaryMatch } from './glossary-expansion.ts';
import { KeywordIndex, TITLE_FIELDS } from './keyword-index.ts';
import { isExactTerm, stemWord } from './lexical-terms.ts';
import { bareTerm } from './main-entry.ts';
import { repairQuestion } from '../text/typo-repair.ts';

/** Weight of the terms a glossary match adds, below the words actually typed (1). Chosen on the dev questions. */
export const GLOSSARY_WEIGHT = 0.5;

/** One entry found by the keyword engine, with the signals the answer decision reads. */
export interface KeywordHit {
  /** Entry number in the index. */
  doc: number;
  /** BM25 score; comparable only within one question. */
  score: number;
  /** IDF-weighted share of the question's folded words and word pairs found in the entry, 0..1. */
  coverage: number;
  /** The same share counting only the entry's question, aliases and tags. */
  titleCoverage: number;
  /** The share of the question's word pairs found in the entry (Vietnamese meaning lives in pairs); `coverage` when the question has none. */
  pairCoverage: number;
}

/** A question's keyword results and the signals that do not depend on an entry. */
export interface KeywordResult {
  hits: KeywordHit[];
  /**
   * IDF-weighted share of the question's words and word pairs that any entry has at all: low for questions about
   * other things. A pair that only joins two known pairs ("tục sổ" of "thủ tục sổ đỏ") is left out.
   */
  known: number;
  /** Glossary phrases found in the question. */
  glossary: GlossaryMatch[];
  /** Number of words in the question. */
  words: number;
  /** The glossary term the question consists of, besides request words (main-entry.ts). */
  bareTerm?: GlossaryMatch | undefined;
}

interface QueryTerm {
  id: number | undefined;
  /** Weight in the score. */
  weight: number;
  /** 1 when the term counts for coverage as typed (variant A), 2 in the official wording (variant B), 3 both. */
  variants: number;
  pair: boolean;
  idf: number;
}

/** Scratch arrays reused across questions; searching is synchronous, so one set per index is enough. */
class Scratch {
  readonly score: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: Uint32Array;
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.touched = new Uint32Array(n);
  }
}

/**
 * Ranks the entries of one {@link KeywordIndex} for a question: adds up the postings of the question's terms
 * (and, at {@link GLOSSARY_WEIGHT}, of the glossary's other names for its phrases), keeps the best `k` with a
 * heap, and reads the coverage signals of the kept entries from the same postings (a binary search per term).
 */
export class KeywordSearch {
  readonly index: KeywordIndex;
  readonly glossary: GlossaryExpander;
  private scratch: Scratch | undefined;
  private readonly glossaryWeight: number;

  constructor(index: KeywordIndex, glossary: GlossaryExpander, glossaryWeight = GLOSSARY_WEIGHT) {
    this.index = index;
    this.glossary = glossary;
    this.glossaryWeight = glossaryWeight;
  }

  /** Share of the question's distinct single words (as this index folds or stems them) that some entry has. */
  vocabularyShare(question: string): number {
    const singles = [...new Set(this.index.terms(question).filter((t) => !isExactTerm(t) && !t.includes('_')))];
    return singles.length === 0 ? 0 : singles.filter((t) => this.index.termId(t) !== undefined).length / singles.length;
  }

  /**
   * How many entries hold a folded word or "a_b" pair, for the question repair. A word is looked up as the index
   * holds it (English stemmed: "status" is there as "statu"), and a word of the glossary counts as known though no
   * entry has it: either way the repair must not take it for a slip of another ("status" for "statu", "car" for
   * "ca"), which would leave the glossary's "civil status" and "register a car" unmatched.
   */
  private entriesWith(folded: string): number {
    const { index } = this;
    if (folded.includes('_')) return index.df(index.termId(folded));
    const n = index.df(index.termId(index.data.terms.stem ? stemWord(folded) : folded));
    return n > 0 || !this.glossary.knows(folded) ? n : 1;
  }

  search(asked: string, k: number, filter?: (doc: number) => boolean): KeywordResult {
    const { index } = this;
    // Words no entry has get a chance to be a typo of one that does ("chuwngs thuwcj" → "chung thuc").
    const question = repairQuestion(asked, (w) => this.entriesWith(w));
    const matches = this.glossary.match(question);
    const typed = index.terms(question);
    const official = matches.length > 0 ? index.terms(GlossaryExpander.officialWording(question, matches)) : [];
    const expansions = matches.flatMap((m) => m.expansions.flatMap((e) => index.terms(e)));

    const terms = new Map<string, QueryTerm>();
    const add = (t: string, weight: number, variants: number) => {
      const q = terms.get(t);
      if (q) {
        q.weight += weight;
        q.variants |= variants;
        return;
      }
      const id = index.termId(t);
      terms.set(t, { id, weight, variants: isExactTerm(t) ? 0 : variants, pair: t.includes('_'), idf: index.idf(id) });
    };
    // Repeated words count again, as they did in the BM25 this replaces.
    for (const t of typed) add(t, 1, 1);
    for (const t of new Set(expansions)) if (!terms.has(t)) add(t, this.glossaryWeight, 0);
    for (const t of official) if (!terms.has(t)) add(t, 0, 2);
    for (const t of official) terms.get(t)!.variants |= isExactTerm(t) ? 0 : 2;
    if (official.length === 0) for (const q of terms.values()) if (q.variants & 1) q.variants |= 2;
    // Known words joined by a pair the handbook lacks do not make the question less known.
    const typedBoundary = new Set(boundaryPairs(typed, index));
    const boundary = [typedBoundary, official.length > 0 ? new Set(boundaryPairs(official, index)) : typedBoundary];

    const total = [0, 0];
    const pairTotal = [0, 0];
    const knownMass = [0, 0];
    for (const q of terms.values()) {
      for (const v of [0, 1]) {
        if (!(q.variants & (1 << v))) continue;
        total[v]! += q.idf;
        if (q.pair) pairTotal[v]! += q.idf;
        if (q.id !== undefined) knownMass[v]! += q.idf;
      }
    }
    // A glossary phrase makes its words known: "GPXD" is no entry's word, but "giấy phép xây dựng" is. (A boundary
    // pair is unknown, so it is only taken out of the whole.)
    const knownShare = (v: number) => {
      let rest = total[v]!;
      for (const t of boundary[v]!) rest -= terms.get(t)!.idf;
      return rest > 0 ? knownMass[v]! / rest : 0;
    };
    const known = Math.max(knownShare(0), matches.length > 0 ? knownShare(1) : 0);

    // Scores: every posting of every weighted term, added up in one pass over flat arrays.
    const n = index.size;
    if (!this.scratch || this.scratch.score.length !== n) this.scratch = new Scratch(n);
    const s = this.scratch;
    let touchedCount = 0;
    const { offsets, docs, impacts, fields } = index.data;
    for (const q of terms.values()) {
      if (q.id === undefined || q.weight === 0) continue;
      const end = offsets[q.id + 1]!;
      for (let p = offsets[q.id]!; p < end; p++) {
        const d = docs[p]!;
        if (!s.seen[d]) {
          s.seen[d] = 1;
          s.touched[touchedCount++] = d;
        }
        s.score[d]! += q.weight * impacts[p]!;
      }
    }
    const heap = new TopK(k);
    for (let i = 0; i < touchedCount; i++) {
      const d = s.touched[i]!;
      if (s.score[d]! > 0 && (!filter || filter(d))) heap.offer(d, s.score[d]!);
      s.seen[d] = 0;
      s.score[d] = 0;
    }

    // Signals, for the kept entries only: each question term looked up in its postings.
    const variants = matches.length > 0 ? [0, 1] : [0];
    const hits = heap.sorted().map(({ doc, score }) => {
      // per variant: coverage, title coverage, pair coverage
      const cover = [0, 0, 0, 0, 0, 0];
      for (const q of terms.values()) {
        if (q.id === undefined || q.variants === 0) continue;
        const p = postingOf(docs, offsets[q.id]!, offsets[q.id + 1]!, doc);
        if (p < 0) continue;
        const inTitle = (fields[p]! & TITLE_FIELDS) !== 0;
        // Without a glossary match the official wording is the question itself: variant B would repeat A.
        for (const v of variants) {
          if (!(q.variants & (1 << v))) continue;
          cover[v * 3]! += q.idf;
          if (inTitle) cover[v * 3 + 1]! += q.idf;
          if (q.pair) cover[v * 3 + 2]! += q.idf;
        }
      }
      let best: KeywordHit | undefined;
      for (const v of variants) {
        const t = total[v]!;
        if (t === 0) continue;
        const coverage = cover[v * 3]! / t;
        const hit = {
          doc,
          score,
          coverage,
          titleCoverage: cover[v * 3 + 1]! / t,
          pairCoverage: pairTotal[v]! > 0 ? cover[v * 3 + 2]! / pairTotal[v]! : coverage,
        };
        if (!best || hit.coverage > best.coverage) best = hit;
      }
      return best ?? { doc, score, coverage: 0, titleCoverage: 0, pairCoverage: 0 };
    });

    return {
      hits,
      known,
      glossary: matches,
      words: typed.filter((t) => !isExactTerm(t) && !t.includes('_')).length,
      bareTerm: bareTerm(question, matches, index.data.lang),
    };
  }
}

/**
 * The word pairs of a term list that join two words rather than make one: unknown to the handbook, between two
 * pairs it knows ("tục sổ" in "thủ tục sổ đỏ"). They say nothing about what the handbook lacks.
 */
function boundaryPairs(terms: string[], index: KeywordIndex): string[] {
  const pairs = terms.filter((t) => !isExactTerm(t) && t.includes('_'));
  const known = pairs.map((t) => index.df(index.termId(t)) > 0);
  return pairs.filter((_, i) => !known[i] && known[i - 1] === true && known[i + 1] === true);
}

/** Position of `doc` in `docs[start..end)` (ascending), or -1. */
function postingOf(docs: Uint32Array | Uint16Array, start: number, end: number, doc: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && docs[lo] === doc ? lo : -1;
}

/** The `k` best (entry, score) pairs: a min-heap on score, ties broken towards the earlier entry. */
class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly k: number;
  constructor(k: number) {
    this.k = k;
  }

  /** True when a ranks below b. */
  private below(a: number, b: number) {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.docs[a]! > this.docs[b]!);
  }

  private swap(a: number, b: number) {
    [this.docs[a], this.docs[b]] = [this.docs[b]!, this.docs[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }

  offer(doc: number, score: number) {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      for (let i = this.docs.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!this.below(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const root = this.scores[0]!;
    if (score < root || (score === root && doc > this.docs[0]!)) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.docs.length && this.below(l, m)) m = l;
      if (r < this.docs.length && this.below(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Best first. */
  sorted(): { doc: number; score: number }[] {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i]! })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
