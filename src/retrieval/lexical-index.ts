import MiniSearch from 'minisearch';
import type { Lang } from '../content/topics.ts';
import { DEFAULT_TERM_OPTIONS, isExactTerm, lexicalTerms, type TermOptions } from './lexical-terms.ts';

/** What the lexical index knows of one entry. */
export interface LexicalDoc {
  id: string;
  question: string;
  aliases: string[];
  tags: string[];
  /** The answer as plain text. */
  body: string;
}

/** Field weights and BM25 parameters; the defaults were chosen on ../shared/eval (see README, "Retrieval quality"). */
export interface LexicalOptions {
  /** Field weights; `exact` holds only exact-spelling terms, so it decides ties between folded matches. */
  boost: { question: number; aliases: number; tags: number; body: number; exact: number };
  bm25: { k: number; b: number; d: number };
  terms: Record<Lang, TermOptions>;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalOptions = {
  boost: { question: 3, aliases: 2, tags: 1, body: 1, exact: 1 },
  bm25: { k: 1.2, b: 0.75, d: 0 },
  terms: DEFAULT_TERM_OPTIONS,
};

/** One lexical match. */
export interface LexicalHit {
  id: string;
  /** BM25+ score summed over fields; only comparable within one query. */
  score: number;
  /**
   * Share of the query's information that the entry contains: the IDF-weighted
   * fraction of the query's folded words and word pairs found in the entry,
   * 0..1. Unlike the score, it is comparable across queries, so it serves as
   * the lexical confidence.
   */
  coverage: number;
}

/**
 * BM25+ over handbook entries (MiniSearch), with Vietnamese-aware terms
 * ({@link lexicalTerms}) and field weights that rank a match in the question or
 * an alias above one in the answer.
 */
export class LexicalIndex {
  readonly lang: Lang;
  private readonly search_: MiniSearch<LexicalDoc>;
  private readonly termsOf = new Map<string, Set<string>>();
  private readonly df = new Map<string, number>();
  private readonly options: LexicalOptions;

  constructor(docs: LexicalDoc[], lang: Lang, options: LexicalOptions = DEFAULT_LEXICAL_OPTIONS) {
    this.lang = lang;
    this.options = options;
    const terms = options.terms[lang];
    const tokenize = (text: string) => lexicalTerms(text, lang, terms);
    this.search_ = new MiniSearch<LexicalDoc>({
      fields: ['question', 'aliases', 'tags', 'body', 'exact'],
      extractField: (doc, field) => {
        if (field === 'exact') return [doc.question, ...doc.aliases, ...doc.tags, doc.body].join('\n');
        const value = doc[field as keyof LexicalDoc];
        return Array.isArray(value) ? value.join('\n') : value;
      },
      // Every field but `exact` holds folded terms; `exact` holds only the exact spellings.
      tokenize: (text, field) => tokenize(text).filter((t) => isExactTerm(t) === (field === 'exact')),
      processTerm: (term) => term,
      searchOptions: { tokenize, processTerm: (term) => term },
    });
    this.search_.addAll(docs);
    for (const doc of docs) {
      const docTerms = new Set(tokenize([doc.question, ...doc.aliases, ...doc.tags, doc.body].join('\n')).filter((t) => !isExactTerm(t)));
      this.termsOf.set(doc.id, docTerms);
      for (const t of docTerms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.termsOf.size;
  }

  /** The best `k` entries for a query, best first; `filter` keeps only some ids. */
  search(query: string, k: number, filter?: (id: string) => boolean): LexicalHit[] {
    const { boost, bm25 } = this.options;
    const results = this.search_.search(query, {
      boost,
      bm25,
      combineWith: 'OR',
      ...(filter ? { filter: (r: { id: string }) => filter(r.id) } : {}),
    });
    const queryTerms = this.queryTerms(query);
    // MiniSearch multiplies each score by the number of query terms matched (a coordination factor). With
    // Vietnamese questions full of common syllables that favours long answers matching many of them; undoing it
    // leaves plain BM25 (UIT-ViCoV19QA hit@1 0.24 → see README for the measured effect).
    return results
      .map((r) => ({ id: String(r.id), score: r.score / Math.max(1, r.queryTerms.length) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((r) => ({ ...r, coverage: this.coverage(queryTerms, r.id) }));
  }

  /** The query's distinct folded terms, as {@link coverage} takes them. */
  queryTerms(query: string): string[] {
    return [...new Set(lexicalTerms(query, this.lang, this.options.terms[this.lang]).filter((t) => !isExactTerm(t)))];
  }

  /** IDF-weighted share of `queryTerms` present in the entry. */
  coverage(queryTerms: string[], id: string): number {
    const terms = this.termsOf.get(id);
    if (!terms || queryTerms.length === 0) return 0;
    let total = 0;
    let found = 0;
    for (const t of queryTerms) {
      const w = this.idf(t);
      total += w;
      if (terms.has(t)) found += w;
    }
    return total === 0 ? 0 : found / total;
  }

  /** Inverse document frequency; a word no entry has weighs most, since it is what the handbook lacks. */
  private idf(term: string): number {
    const n = this.termsOf.size;
    return Math.log(1 + (n - (this.df.get(term) ?? 0) + 0.5) / ((this.df.get(term) ?? 0) + 0.5));
  }
}
