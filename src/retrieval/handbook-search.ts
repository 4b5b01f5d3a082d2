import { LANGS, type Lang, type Topic } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import type { HandbookEmbeddings } from '../indexing/build-index.ts';
import type { HnswVectorStore } from '../indexing/hnsw-vector-store.ts';
import {
  answerProbability,
  decide,
  decisionFeatures,
  DEFAULT_DECISION_MODEL,
  type AnswerStatus,
  type DecisionFeatures,
  type DecisionModel,
} from './answer-decision.ts';
import { bestSection } from './best-section.ts';
import {
  calibratedDecision,
  calibratedProbability,
  calibrationFor,
  type DenseCalibration,
  type DenseSignals,
} from './dense-calibration.ts';
import { confidence, denseScale, fuse, lexicalScale, type FusionSettings } from './fusion.ts';
import { GlossaryExpander, type GlossaryItem } from './glossary-expansion.ts';
import { buildKeywordIndex, DEFAULT_KEYWORD_OPTIONS, KeywordIndex, type KeywordIndexData, type KeywordOptions } from './keyword-index.ts';
import { keywordDocs } from './keyword-docs.ts';
import { KeywordSearch } from './keyword-search.ts';
import { lexicalTerms } from './lexical-terms.ts';
import { mainEntryFirst } from './main-entry.ts';
import { entryWordings, judgeFirstTwo } from './wording-judge.ts';
import { detectLang } from '../text/detect-lang.ts';

/** What to search. */
export interface SearchRequest {
  question: string;
  /** Language of the question; when absent both halves of the handbook are searched and the better one answers. */
  lang?: Lang | undefined;
  /** Number of entries to return. */
  k: number;
  topic?: Topic | undefined;
  /** Entry ids never to return (evaluation asks questions with their own entry left out). */
  exclude?: ReadonlySet<string> | undefined;
  /** Return the ranked entries even when the decision is `no_match` (evaluation measures the ranking anyway). */
  keepAll?: boolean | undefined;
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
  status: AnswerStatus;
  confidence: number;
  mode: 'hybrid' | 'lexical';
  /** The half of the handbook the results come from. */
  lang: Lang;
  /** `no_match` shows no entries: none is related. */
  results: EntryResult[];
  /** The decision's signals for the best entry, for evaluation and calibration. */
  features?: DecisionFeatures | undefined;
  /** With a model: what it says of the first entry, the signals a calibration for it reads. */
  dense?: DenseSignals | undefined;
  /**
   * The official name of a procedure the question names that the glossary marks `notCovered`: the handbook has no
   * entry on it, so the question is never answered from another entry that shares its words.
   */
  uncovered?: string | undefined;
}

/** The dense side: a model for the question and the vector store of passages. */
export interface DenseSide {
  embeddings: HandbookEmbeddings;
  store: HnswVectorStore;
  /** The model, as the index manifest names it: the answer decision's calibration for it is used, if there is one. */
  model?: { id: string; dtype: string } | undefined;
}

/** Optional parts of a search; what is absent is built from the entries. */
export interface HandbookSearchOptions {
  /** Keyword indexes built ahead (read from the question index), per language. */
  keyword?: Partial<Record<Lang, KeywordIndexData>> | undefined;
  glossary?: GlossaryItem[] | undefined;
  decision?: DecisionModel | undefined;
  keywordOptions?: KeywordOptions | undefined;
  /** Weight of glossary expansions in the keyword score (default GLOSSARY_WEIGHT). */
  glossaryWeight?: number | undefined;
}

const CANDIDATES = 50;

/** Per language: the keyword engine over that half and its entries' positions in the full list. */
interface Half {
  search: KeywordSearch;
  entries: number[];
}

/**
 * Hybrid retrieval over the handbook: BM25 with Vietnamese-aware terms and glossary expansion and, when a model
 * is loaded, dense similarity over question, alias and answer passages, fused per entry. The answer decision
 * ({@link decide}) says whether the best entry answers, whether to show the closest entries, or whether nothing
 * in the handbook is close.
 */
export class HandbookSearch {
  readonly entries: StoredEntry[];
  readonly mode: 'hybrid' | 'lexical';
  private readonly halves: Map<Lang, Half>;
  private readonly dense: DenseSide | undefined;
  private readonly fusion: FusionSettings;
  private readonly decision: DecisionModel;
  private readonly calibration: DenseCalibration | undefined;
  /**
   * What the answer decision reads: the keyword signals alone, or those and the loaded model's similarity, when the
   * decision was calibrated for this model (`npm run fit-decision -- --model`).
   */
  readonly confidenceFrom: 'keywords' | 'keywords and model';

  constructor(entries: StoredEntry[], fusion: FusionSettings, dense?: DenseSide, options: HandbookSearchOptions = {}) {
    this.entries = entries;
    this.fusion = fusion;
    this.dense = dense;
    const decision = options.decision ?? DEFAULT_DECISION_MODEL;
    this.decision = fusion.threshold === undefined ? decision : { ...decision, answerAt: fusion.threshold };
    const calibration = calibrationFor(decision.dense, dense?.model);
    this.calibration = calibration && fusion.threshold !== undefined ? { ...calibration, answerAt: fusion.threshold } : calibration;
    this.confidenceFrom = this.calibration ? 'keywords and model' : 'keywords';
    this.mode = dense ? 'hybrid' : 'lexical';
    this.halves = new Map();
    for (const lang of LANGS) {
      const data =
        options.keyword?.[lang] ?? buildKeywordIndex(keywordDocs(entries, lang), lang, options.keywordOptions ?? DEFAULT_KEYWORD_OPTIONS);
      const positions = entries.flatMap((e, i) => (e.lang === lang ? [i] : []));
      if (data.n !== positions.length)
        throw new Error(
          `the ${lang} keyword index has ${data.n} entries, the entry list ${positions.length}; rebuild the index with npm run index`,
        );
      this.halves.set(lang, {
        search: new KeywordSearch(new KeywordIndex(data), new GlossaryExpander(options.glossary ?? [], lang), options.glossaryWeight),
        entries: positions,
      });
    }
  }

  /**
   * Searches the question's language and, when that half has no answer (or the language is not given), the
   * other half too; the half with the more confident outcome wins. An English question about an entry written
   * only in Vietnamese is answered with the Vietnamese entry.
   */
  async search(req: SearchRequest): Promise<SearchOutcome> {
    const vector = this.dense ? await this.dense.embeddings.embedQuery(req.question) : undefined;
    // The question's own language first (as asked, or as its letters and words say); the other half answers
    // only where the first cannot. Without a language, two answers are weighed by their confidence.
    const guessed = this.guessLang(req.question);
    const first = req.lang ?? guessed;
    const outcome = await this.searchHalf(req, first, vector);
    if (outcome.status === 'answered' && req.lang) return outcome;
    // A Vietnamese question is never answered from the English translations; an English one may be answered by
    // an entry that exists only in Vietnamese.
    if (first === 'vi' && guessed === 'vi') return outcome;
    const other = await this.searchHalf(req, first === 'vi' ? 'en' : 'vi', vector);
    if (other.status === 'answered') return outcome.status === 'answered' && outcome.confidence >= other.confidence ? outcome : other;
    return outcome;
  }

  /**
   * The language a question is written in: Vietnamese letters say Vietnamese; otherwise the half of the handbook
   * whose vocabulary holds more of its words ("dang ky khai tu can giay to gi" is Vietnamese although "can" and
   * "to" are English words), and the word lists of {@link detectLang} on a tie.
   */
  guessLang(question: string): Lang {
    const byLetters = detectLang(question);
    if (/[^\p{ASCII}]/u.test(question.normalize('NFC')) && byLetters === 'vi') return 'vi';
    const share = (lang: Lang) => this.halves.get(lang)!.search.vocabularyShare(question);
    const vi = share('vi');
    const en = share('en');
    // On a tie, Vietnamese unless the word lists say English: "so do" is sổ đỏ at a commune desk.
    if (vi === en) return byLetters === 'en' && vi < 1 ? 'en' : 'vi';
    return vi > en ? 'vi' : 'en';
  }

  private async searchHalf(req: SearchRequest, lang: Lang, vector: number[] | undefined): Promise<SearchOutcome> {
    const half = this.halves.get(lang)!;
    const inTopic = (doc: number) => {
      const e = this.entries[half.entries[doc]!]!;
      return (!req.topic || e.topic === req.topic) && !req.exclude?.has(e.id);
    };
    const keyword = half.search.search(req.question, CANDIDATES, inTopic);
    const entryOf = (doc: number) => this.entries[half.entries[doc]!]!;
    // A bare glossary term asks about its main entry; otherwise, between the two best entries, the one whose own
    // wordings the question clearly reads like comes first.
    const main = keyword.bareTerm?.entries[0];
    const verdict =
      main !== undefined && mainEntryFirst(keyword.hits, (hit) => entryOf(hit.doc).id === main)
        ? 'silent'
        : judgeFirstTwo(req.question, keyword.hits, (hit) => entryWordings(entryOf(hit.doc)));
    const features = decisionFeatures(keyword, (doc) => entryOf(doc).id, verdict);
    const best = keyword.hits[0]?.score ?? 0;
    const candidates = new Map<
      number,
      { lexical: number; coverage: number; dense?: number; denseChunk?: { kind: string; part: number } }
    >();
    for (const h of keyword.hits) candidates.set(half.entries[h.doc]!, { lexical: lexicalScale(h.score, best), coverage: h.coverage });

    if (this.dense && vector) {
      const hits = await this.dense.store.similaritySearchVectorWithScore(
        vector,
        CANDIDATES * 2,
        (m) => m['lang'] === lang && (!req.topic || m['topic'] === req.topic) && !req.exclude?.has(this.entries[Number(m['entry'])]!.id),
      );
      const baseline = hits.reduce((sum, [, cosine]) => sum + cosine, 0) / Math.max(1, hits.length);
      for (const [doc, cosine] of hits) {
        const i = Number(doc.metadata['entry']);
        const c = candidates.get(i) ?? { lexical: 0, coverage: 0 };
        const d = denseScale(cosine, this.fusion.denseFloor, baseline);
        if (c.dense === undefined || d > c.dense) {
          c.dense = d;
          c.denseChunk = { kind: String(doc.metadata['kind']), part: Number(doc.metadata['part']) };
        }
        candidates.set(i, c);
      }
      // Keyword candidates the dense search did not reach get the floor: the model did not find them similar.
      for (const c of candidates.values()) c.dense ??= 0;
    }

    const fused = [...candidates.entries()]
      .map(([i, c]) => ({ i, c, score: fuse(c.lexical, c.dense, this.fusion) }))
      .sort((a, b) => b.score - a.score || a.i - b.i);
    const ranked = fused.slice(0, req.k);
    // Every entry of this half is in its language: the question's terms are made once for all the cited sections.
    const questionTerms = new Set(lexicalTerms(req.question, lang));
    const results: EntryResult[] = ranked.map(({ i, c, score }) => {
      const entry = this.entries[i]!;
      const chunk = c.denseChunk;
      const passage = chunk?.kind === 'section' ? entry.sections[chunk.part] : bestSection(entry, questionTerms);
      return { entry, score, coverage: c.coverage, dense: c.dense, passage: passage ?? { heading: '', text: '' } };
    });
    // The decision judges the keyword side's best entry. With a model, a calibration fitted for it reads the
    // model's similarity too; without one, HANDBOOK_DENSE_CONFIDENCE blends it in (0 unless set).
    const probability = features ? answerProbability(features, this.decision) : 0;
    const [first, second] = fused;
    const keywordFirst = keyword.hits[0] ? half.entries[keyword.hits[0].doc] : undefined;
    const dense: DenseSignals | undefined =
      this.dense && features && first
        ? {
            keywordProbability: probability,
            first: first.c.dense ?? 0,
            gap: (first.c.dense ?? 0) - (second?.c.dense ?? 0),
            sameFirst: first.i === keywordFirst ? 1 : 0,
          }
        : undefined;
    const calibration = dense ? this.calibration : undefined;
    const conf = calibration && dense ? calibratedProbability(dense, calibration) : confidence(probability, results[0]?.dense, this.fusion);
    const decision = calibration ? calibratedDecision(this.decision, calibration) : this.decision;
    const uncovered = keyword.glossary.find((m) => m.notCovered)?.term;
    const decided = decide(features, conf, decision, uncovered !== undefined);
    // Uncalibrated, the probability is the keyword decision's for the keyword ranking's first entry: when the model
    // put another entry first, nothing vouches for that one, so it is shown as not sure, never as the answer.
    const status = decided === 'answered' && !calibration && dense?.sameFirst === 0 ? 'no_confident_answer' : decided;
    return {
      status,
      confidence: conf,
      mode: this.mode,
      lang,
      results: status === 'no_match' && !req.keepAll ? [] : results,
      features,
      dense,
      uncovered,
    };
  }
}
