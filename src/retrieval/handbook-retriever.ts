import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Lang, Topic } from '../content/topics.ts';
import type { HandbookSearch } from './handbook-search.ts';

/** Metadata of every document the retriever returns: what a citation needs. */
export interface HandbookDocumentMetadata {
  id: string;
  title: string;
  url: string;
  topic: Topic;
  lang: Lang;
  /** Heading of the cited section ('' for text before the first heading). */
  heading: string;
  /** Fused score, 0..1. */
  score: number;
  /** Whether the search judged the best entry a confident answer (same for every document of one call). */
  answered: boolean;
}

export interface HandbookRetrieverInput extends BaseRetrieverInput {
  search: HandbookSearch;
  /** Entries to return. */
  k?: number;
  /** Language of the handbook to search; guessed from the question when absent. */
  lang?: Lang;
  topic?: Topic;
}

/**
 * The handbook as a LangChain retriever: one `Document` per entry, best first,
 * whose content is the passage that best answers the question, so a chain can
 * cite and link it.
 * @example
 * const docs = await new HandbookRetriever({ search }).invoke('Làm giấy chứng tử cần những gì?');
 * docs[0].metadata.url // '/civil-status/dang-ky-khai-tu/'
 */
export class HandbookRetriever extends BaseRetriever {
  lc_namespace = ['handbook', 'retrievers'];
  private readonly search: HandbookSearch;
  private readonly k: number;
  private readonly lang: Lang | undefined;
  private readonly topic: Topic | undefined;

  constructor(input: HandbookRetrieverInput) {
    super(input);
    this.search = input.search;
    this.k = input.k ?? 5;
    this.lang = input.lang;
    this.topic = input.topic;
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<HandbookDocumentMetadata>[]> {
    const outcome = await this.search.search({ question: query, lang: this.lang, k: this.k, topic: this.topic });
    return outcome.results.map(
      (r) =>
        new Document<HandbookDocumentMetadata>({
          pageContent: r.passage.text || r.entry.title,
          metadata: {
            id: r.entry.id,
            title: r.entry.title,
            url: r.entry.url,
            topic: r.entry.topic,
            lang: r.entry.lang,
            heading: r.passage.heading,
            score: r.score,
            answered: outcome.status === 'answered',
          },
        }),
    );
  }
}
