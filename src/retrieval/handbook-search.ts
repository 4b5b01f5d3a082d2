import type { Lang, Topic } from '../content/topics.ts';
import { answerText, type StoredEntry } from '../indexing/handbook-documents.ts';
import type { HandbookEmbeddings } from '../indexing/build-index.ts';
import type { HnswVectorStore } from '../indexing/hnsw-vector-store.ts';
import { confidence, denseScale, fuse, lexicalScale, type FusionSettings } from './fusion.ts';
import { DEFAULT_LEXICAL_OPTIONS, LexicalIndex, type LexicalOptions } from './lexical-index.ts';
import { lexicalTerms } from './lexical-terms.ts';
import { detectLang } from '../text/detect-lang.ts';

/** What to search. */
export interface SearchRequest {
  question: string;
  lang: Lang;
  /** Number of entries to return. */
  k: number;
  topic?: Topic | undefined;
}

/** One entry found for a question. */
export interface EntryResult {
  entry: StoredEntry;
  /** Fused score used for ranking, 0..1. */
  score: number;
  /** Lexical coverage of the question, 0..1. */
  coverage: number;
  /** Dense similarity scale, 0..1, when a model is loaded. */
  dense: number | undefined;
  /** The section that best answers the question. */
  passage: { heading: string; text: string };
}

export interface SearchOutcome {
  status: 'answered' | 'no_confident_answer';
  confidence: number;
  mode: 'hybrid' | 'lexical';
  results: EntryResult[];
}

/** The dense side: a model for the question and the vector store of passages. */
export interface DenseSide {
  embeddings: HandbookEmbeddings;
  store: HnswVectorStore;
}

const CANDIDATES = 50;

/**
 * Hybrid retrieval over the handbook: lexical BM25 with Vietnamese-aware terms
 * and, when a model is loaded, dense similarity over question, alias and
 * answer passages, fused per entry. Decides between an answer and "no
 * confident answer" by a calibrated confidence threshold.
 */
export class HandbookSearch {
  readonly entries: StoredEntry[];
  readonly mode: 'hybrid' | 'lexical';
  private readonly lexical: Map<Lang, LexicalIndex>;
  private readonly dense: DenseSide | undefined;
  private readonly fusion: FusionSettings;

  constructor(entries: StoredEntry[], fusion: FusionSettings, dense?: DenseSide, lexicalOptions: LexicalOptions = DEFAULT_LEXICAL_OPTIONS) {
    this.entries = entries;
    this.fusion = fusion;
    this.dense = dense;
    this.mode = dense ? 'hybrid' : 'lexical';
    this.lexical = new Map();
    for (const lang of ['vi', 'en'] as const) {
      const docs = entries
        .map((e, i) => ({ e, i }))
        .filter(({ e }) => e.lang === lang)
        .map(({ e, i }) => ({ id: String(i), question: e.title, aliases: e.aliases, tags: e.tags, body: answerText(e) }));
      this.lexical.set(lang, new LexicalIndex(docs, lang, lexicalOptions));
    }
  }

  /**
   * The language a question was asked in, judged by which half of the handbook
   * its words cover better; {@link detectLang} decides when neither does.
   * Unaccented Vietnamese ("can giay to gi") is full of English-looking words,
   * so word lists alone misjudge it.
   */
  guessLang(question: string): Lang {
    const cover = (lang: Lang) => this.lexical.get(lang)!.search(question, 1)[0]?.coverage ?? 0;
    const vi = cover('vi');
    const en = cover('en');
    if (Math.abs(vi - en) >= 0.1) return vi > en ? 'vi' : 'en';
    return detectLang(question);
  }

  async search(req: SearchRequest): Promise<SearchOutcome> {
    const lexicalIndex = this.lexical.get(req.lang)!;
    const inTopic = (i: number) => !req.topic || this.entries[i]!.topic === req.topic;
    const lexHits = lexicalIndex.search(req.question, CANDIDATES, (id) => inTopic(Number(id)));
    const best = lexHits[0]?.score ?? 0;
    const candidates = new Map<number, { lexical: number; coverage: number; dense?: number; denseChunk?: { kind: string; part: number } }>();
    for (const h of lexHits) candidates.set(Number(h.id), { lexical: lexicalScale(h.score, best), coverage: h.coverage });

    if (this.dense) {
      const vector = await this.dense.embeddings.embedQuery(req.question);
      const hits = await this.dense.store.similaritySearchVectorWithScore(vector, CANDIDATES * 2, (m) => m['lang'] === req.lang && (!req.topic || m['topic'] === req.topic));
      const terms = lexicalIndex.queryTerms(req.question);
      const baseline = hits.reduce((sum, [, cosine]) => sum + cosine, 0) / Math.max(1, hits.length);
      for (const [doc, cosine] of hits) {
        const i = Number(doc.metadata['entry']);
        const c = candidates.get(i) ?? { lexical: 0, coverage: lexicalIndex.coverage(terms, String(i)) };
        const d = denseScale(cosine, this.fusion.denseFloor, baseline);
        if (c.dense === undefined || d > c.dense) {
          c.dense = d;
          c.denseChunk = { kind: String(doc.metadata['kind']), part: Number(doc.metadata['part']) };
        }
        candidates.set(i, c);
      }
      // Lexical candidates the dense search did not reach get the floor: the model did not find them similar.
      for (const c of candidates.values()) c.dense ??= 0;
    }

    const ranked = [...candidates.entries()]
      .map(([i, c]) => ({ i, c, score: fuse(c.lexical, c.dense, this.fusion) }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, req.k);
    const results: EntryResult[] = ranked.map(({ i, c, score }) => {
      const entry = this.entries[i]!;
      const chunk = c.denseChunk;
      const passage = chunk?.kind === 'section' ? entry.sections[chunk.part] : bestSection(entry, req);
      return { entry, score, coverage: c.coverage, dense: c.dense, passage: passage ?? { heading: '', text: '' } };
    });
    const top = results[0];
    const conf = top ? confidence(top.coverage, top.dense, this.fusion) : 0;
    return {
      status: top && conf >= this.fusion.threshold ? 'answered' : 'no_confident_answer',
      confidence: conf,
      mode: this.mode,
      results,
    };
  }
}

/**
 * The answer section holding the most distinct question terms, exact spellings
 * included (so "tử" does not count where only "tư" stands); the first on a tie.
 */
function bestSection(entry: StoredEntry, req: SearchRequest) {
  const terms = new Set(lexicalTerms(req.question, req.lang));
  let best = entry.sections[0];
  let bestCount = -1;
  for (const s of entry.sections) {
    const count = new Set(lexicalTerms(`${s.heading}\n${s.text}`, req.lang).filter((t) => terms.has(t))).size;
    if (count > bestCount) {
      best = s;
      bestCount = count;
    }
  }
  return best;
}
