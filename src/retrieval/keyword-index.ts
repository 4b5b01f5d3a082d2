import type { Lang } from '../content/topics.ts';
import { DEFAULT_TERM_OPTIONS, isExactTerm, lexicalTerms, type TermOptions } from './lexical-terms.ts';

/**
 * A compact BM25 inverted index over handbook entries, with no Node-only dependency: the server and the browser
 * (in a Web Worker) load the same bytes and rank with the same code.
 *
 * Every (term, entry) pair stores its whole BM25 contribution, summed over the entry's fields with their weights
 * ("impact" scoring), so a query only adds up the postings of its own terms. Fields: question (3), aliases (3),
 * tags (1), answer (1), and `exact` (1), which holds only exact-spelling terms so that a question typed with
 * diacritics ranks entries spelled the same way first. IDF and length normalisation are per field, as MiniSearch
 * (the engine this replaces) computed them, so rankings stay the same.
 */

/** What the keyword index knows of one entry. */
export interface KeywordDoc {
  question: string;
  aliases: string[];
  tags: string[];
  /** The answer as plain text. */
  body: string;
}

/**
 * Field weights and BM25 parameters. BM25's k and b, and the question, tags and body weights, were chosen on
 * ../shared/eval; the weight of aliases and search phrases (3, as the question's) on the dev half of
 * eval/officer-questions.json once entries had 14–20 search phrases each (README, "How retrieval works").
 */
export interface KeywordOptions {
  boost: { question: number; aliases: number; tags: number; body: number; exact: number };
  bm25: { k: number; b: number };
  terms: Record<Lang, TermOptions>;
}

export const DEFAULT_KEYWORD_OPTIONS: KeywordOptions = {
  boost: { question: 3, aliases: 3, tags: 1, body: 1, exact: 1 },
  bm25: { k: 1.2, b: 0.75 },
  terms: DEFAULT_TERM_OPTIONS,
};

const FIELDS = ['question', 'aliases', 'tags', 'body', 'exact'] as const;
type Field = (typeof FIELDS)[number];
/** Bit of a posting's field mask: the term occurs in the entry's question, aliases or tags ("title" fields). */
export const TITLE_FIELDS = 0b0111;

function fieldText(doc: KeywordDoc, field: Exclude<Field, 'exact'>): string {
  switch (field) {
    case 'question':
      return doc.question;
    case 'aliases':
      return doc.aliases.join('\n');
    case 'tags':
      return doc.tags.join('\n');
    case 'body':
      return doc.body;
  }
}

/**
 * The term lists of one entry, per field: folded terms in every field but `exact`, which collects the exact
 * spellings of all the others. Each field is tokenized once.
 */
function fieldTerms(doc: KeywordDoc, lang: Lang, terms: TermOptions): string[][] {
  const exact: string[] = [];
  const perField = (['question', 'aliases', 'tags', 'body'] as const).map((field) => {
    const folded: string[] = [];
    for (const t of lexicalTerms(fieldText(doc, field), lang, terms)) (isExactTerm(t) ? exact : folded).push(t);
    return folded;
  });
  return [...perField, exact];
}

/** Growable typed array, for postings whose count is known only at the end. */
class Grow<T extends Uint32Array | Float32Array | Uint8Array> {
  data: T;
  length = 0;
  private readonly make: (n: number) => T;
  constructor(make: (n: number) => T) {
    this.make = make;
    this.data = make(1024);
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** The serialisable content of a {@link KeywordIndex}: a JSON header and typed arrays. */
export interface KeywordIndexData {
  lang: Lang;
  terms: TermOptions;
  /** Number of entries. */
  n: number;
  /** Term strings; a term's id is its position. */
  vocabulary: string[];
  /** Postings of term t are `offsets[t]` .. `offsets[t + 1]`. */
  offsets: Uint32Array;
  /** Entry number of each posting, ascending within a term. */
  docs: Uint32Array | Uint16Array;
  /** BM25 contribution of each posting, field weights included. */
  impacts: Float32Array;
  /** Fields the term occurs in, one bit per field in {@link FIELDS} order. */
  fields: Uint8Array;
}

/**
 * Builds the index of `docs` (entry number = position). Two passes over the text: the first counts document
 * frequencies and field lengths, the second writes each posting's impact, so no per-entry term map outlives its
 * entry.
 */
export function buildKeywordIndex(docs: KeywordDoc[], lang: Lang, options: KeywordOptions = DEFAULT_KEYWORD_OPTIONS): KeywordIndexData {
  const termOptions = options.terms[lang];
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const idOf = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = vocabulary.length;
      ids.set(t, id);
      vocabulary.push(t);
    }
    return id;
  };
  const n = docs.length;
  const fieldDf = FIELDS.map(() => new Grow((k) => new Uint32Array(k)));
  const lengths = FIELDS.map(() => new Float32Array(n));
  const totals = FIELDS.map(() => 0);

  // Pass 1: term ids per field (kept for pass 2, so text is tokenized once), per-field document frequency and length.
  const tokens: Uint32Array[][] = new Array(n);
  for (let d = 0; d < n; d++) {
    const perField = fieldTerms(docs[d]!, lang, termOptions);
    tokens[d] = perField.map((list, f) => {
      const ids = Uint32Array.from(list, idOf);
      // Field length counts distinct terms, as MiniSearch did: the rankings measured with it stay.
      const distinct = new Set(ids);
      lengths[f]![d] = distinct.size;
      totals[f]! += distinct.size;
      const df = fieldDf[f]!;
      for (const id of distinct) {
        while (df.length <= id) df.push(0);
        df.data[id]!++;
      }
      return ids;
    });
  }
  const { k, b } = options.bm25;
  const avg = totals.map((t) => (n > 0 ? t / n : 0));
  const boosts = FIELDS.map((f) => options.boost[f]);
  const idf = (f: number, id: number) => {
    const df = id < fieldDf[f]!.length ? fieldDf[f]!.data[id]! : 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  // Pass 2: one posting per (term, entry), impacts summed over fields.
  const postTerm = new Grow((k) => new Uint32Array(k));
  const postDoc = new Grow((k) => new Uint32Array(k));
  const postImpact = new Grow((k) => new Float32Array(k));
  const postFields = new Grow((k) => new Uint8Array(k));
  for (let d = 0; d < n; d++) {
    const perDoc = new Map<number, { impact: number; fields: number }>();
    tokens[d]!.forEach((list, f) => {
      const tf = new Map<number, number>();
      for (const id of list) tf.set(id, (tf.get(id) ?? 0) + 1);
      const norm = k * (1 - b + (b * lengths[f]![d]!) / (avg[f]! || 1));
      for (const [id, count] of tf) {
        const score = boosts[f]! * idf(f, id) * ((count * (k + 1)) / (count + norm));
        const p = perDoc.get(id);
        if (p) {
          p.impact += score;
          p.fields |= 1 << f;
        } else perDoc.set(id, { impact: score, fields: 1 << f });
      }
    });
    tokens[d] = [];
    for (const [id, p] of perDoc) {
      postTerm.push(id);
      postDoc.push(d);
      postImpact.push(p.impact);
      postFields.push(p.fields);
    }
  }

  // Counting sort by term: entries stay in ascending order within a term.
  const offsets = new Uint32Array(vocabulary.length + 1);
  for (let p = 0; p < postTerm.length; p++) offsets[postTerm.data[p]! + 1]!++;
  for (let t = 0; t < vocabulary.length; t++) offsets[t + 1]! += offsets[t]!;
  const cursor = offsets.slice(0, vocabulary.length);
  const total = postTerm.length;
  const out = { docs: new Uint32Array(total), impacts: new Float32Array(total), fields: new Uint8Array(total) };
  for (let p = 0; p < total; p++) {
    const at = cursor[postTerm.data[p]!]!++;
    out.docs[at] = postDoc.data[p]!;
    out.impacts[at] = postImpact.data[p]!;
    out.fields[at] = postFields.data[p]!;
  }
  return { lang, terms: termOptions, n, vocabulary, offsets, ...out };
}

/** Term ids and document frequencies of a loaded index, for querying. */
export class KeywordIndex {
  readonly data: KeywordIndexData;
  private readonly ids: Map<string, number>;

  constructor(data: KeywordIndexData) {
    this.data = data;
    this.ids = new Map(data.vocabulary.map((t, i) => [t, i]));
  }

  get lang(): Lang {
    return this.data.lang;
  }

  /** Number of entries. */
  get size(): number {
    return this.data.n;
  }

  /** The term's id, or undefined for a term no entry has. */
  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Number of entries holding the term. */
  df(id: number | undefined): number {
    return id === undefined ? 0 : this.data.offsets[id + 1]! - this.data.offsets[id]!;
  }

  /** Inverse document frequency; a word no entry has weighs most, since it is what the handbook lacks. */
  idf(id: number | undefined): number {
    const df = this.df(id);
    return Math.log(1 + (this.data.n - df + 0.5) / (df + 0.5));
  }

  /** The terms a text is turned into, with the options the index was built with. */
  terms(text: string): string[] {
    return lexicalTerms(text, this.data.lang, this.data.terms);
  }
}
