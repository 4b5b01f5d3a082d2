import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';

/** Options of {@link TransformersEmbeddings}. */
export interface TransformersEmbeddingsOptions {
  /** Prefix of queries; e5 models were trained with `query: `. */
  queryPrefix?: string;
  /** Prefix of passages; e5 models were trained with `passage: `. */
  passagePrefix?: string;
  /** Texts per forward pass. */
  batchSize?: number;
  /** Called after each batch with the number of texts done and the total. */
  onBatch?: (done: number, total: number) => void;
}

/**
 * LangChain embeddings over a transformers.js feature-extraction pipeline:
 * mean pooling and L2 normalization, as e5 models expect, so cosine similarity
 * is a dot product.
 */
export class TransformersEmbeddings implements EmbeddingsInterface {
  private readonly extractor: FeatureExtractionPipeline;
  private readonly queryPrefix: string;
  private readonly passagePrefix: string;
  private readonly batchSize: number;
  private readonly onBatch: ((done: number, total: number) => void) | undefined;

  constructor(extractor: FeatureExtractionPipeline, options: TransformersEmbeddingsOptions = {}) {
    this.extractor = extractor;
    this.queryPrefix = options.queryPrefix ?? 'query: ';
    this.passagePrefix = options.passagePrefix ?? 'passage: ';
    this.batchSize = options.batchSize ?? 16;
    this.onBatch = options.onBatch;
  }

  /** Embeds answer passages (with the passage prefix). */
  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embed(documents.map((d) => this.passagePrefix + d));
  }

  /** Embeds one question (with the query prefix). */
  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embed([this.queryPrefix + document]);
    if (!vector) throw new Error('the embedding model returned no vector for the query');
    return vector;
  }

  /**
   * Embeds question-like texts (entry questions and aliases) with the query
   * prefix: e5's authors use `query: ` on both sides for symmetric tasks such
   * as matching a question to a paraphrase.
   */
  embedQueries(texts: string[]): Promise<number[][]> {
    return this.embed(texts.map((t) => this.queryPrefix + t));
  }

  private async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      // NFC: a tokenizer vocabulary holds composed letters; decomposed input (NFD, common from macOS and some IMEs) would become unknown tokens.
      const batch = texts.slice(i, i + this.batchSize).map((t) => t.normalize('NFC'));
      const tensor = await this.extractor(batch, { pooling: 'mean', normalize: true });
      out.push(...(tensor.tolist() as number[][]));
      tensor.dispose?.();
      this.onBatch?.(Math.min(i + this.batchSize, texts.length), texts.length);
    }
    return out;
  }
}
