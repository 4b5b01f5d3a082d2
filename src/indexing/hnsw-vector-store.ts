import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { SaveableVectorStore } from '@langchain/core/vectorstores';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Index = InstanceType<typeof HierarchicalNSW>;

/** Metadata every stored passage carries. */
export type PassageMetadata = Record<string, unknown>;

/** Predicate on a passage's metadata, used to search one language or topic. */
export type PassageFilter = (metadata: PassageMetadata) => boolean;

const INDEX_FILE = 'hnsw.bin';
const DOCS_FILE = 'passages.json';

/**
 * A LangChain vector store on hnswlib-node, cosine space.
 *
 * hnswlib reports cosine *distance* (1 − cos); this store returns *similarity*
 * (cos, higher is better) so callers never have to remember. Unlike
 * LangChain community's `HNSWLib`, it writes only the index and the passages,
 * and it is rebuilt whole rather than modified in place (see build-index.ts).
 */
export class HnswVectorStore extends SaveableVectorStore {
  private index: Index | undefined;
  private readonly passages: DocumentInterface<PassageMetadata>[] = [];
  readonly dimensions: number;

  constructor(embeddings: EmbeddingsInterface, dimensions: number) {
    super(embeddings, {});
    this.dimensions = dimensions;
  }

  _vectorstoreType(): string {
    return 'hnswlib-node';
  }

  /** Number of passages stored. */
  get size(): number {
    return this.passages.length;
  }

  async addVectors(vectors: number[][], documents: DocumentInterface<PassageMetadata>[]): Promise<void> {
    if (vectors.length !== documents.length) {
      throw new Error(`got ${vectors.length} vectors for ${documents.length} documents; give one vector per document`);
    }
    const needed = this.passages.length + vectors.length;
    if (!this.index) {
      this.index = new HierarchicalNSW('cosine', this.dimensions);
      // M 16 and efConstruction 200 are hnswlib's recommended defaults; the seed keeps builds reproducible.
      this.index.initIndex(Math.max(needed, 16), 16, 200, 100);
    } else if (needed > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    }
    vectors.forEach((v, i) => {
      if (v.length !== this.dimensions) {
        throw new Error(`vector ${i} has ${v.length} dimensions; the store holds ${this.dimensions}-dimension vectors`);
      }
      this.index!.addPoint(v, this.passages.length);
      this.passages.push(documents[i]!);
    });
  }

  async addDocuments(documents: DocumentInterface<PassageMetadata>[]): Promise<void> {
    await this.addVectors(await this.embeddings.embedDocuments(documents.map((d) => d.pageContent)), documents);
  }

  /** The `k` passages most similar to `query`, as `[document, cosine similarity]`, best first. */
  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: PassageFilter,
  ): Promise<[DocumentInterface<PassageMetadata>, number][]> {
    if (!this.index || this.passages.length === 0) return [];
    this.index.setEf(Math.max(k * 2, 64));
    const labelFilter = filter ? (label: number) => filter(this.passages[label]!.metadata) : undefined;
    const { neighbors, distances } = this.index.searchKnn(query, Math.min(k, this.passages.length), labelFilter);
    return neighbors.map((label, i) => [this.passages[label]!, 1 - distances[i]!]);
  }

  /** Writes the index and its passages into `directory`. */
  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    if (this.index) await this.index.writeIndex(path.join(directory, INDEX_FILE));
    await writeFile(
      path.join(directory, DOCS_FILE),
      JSON.stringify({
        dimensions: this.dimensions,
        passages: this.passages.map((d) => ({ pageContent: d.pageContent, metadata: d.metadata })),
      }),
    );
  }

  /** Reads a store written by {@link save}; throws naming the file when it is missing or damaged. */
  static override async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswVectorStore> {
    const docsFile = path.join(directory, DOCS_FILE);
    let saved: { dimensions: number; passages: { pageContent: string; metadata: PassageMetadata }[] };
    try {
      saved = JSON.parse(await readFile(docsFile, 'utf8'));
    } catch (cause) {
      throw new Error(`cannot read ${docsFile}; rebuild the index with npm run index`, { cause });
    }
    const store = new HnswVectorStore(embeddings, saved.dimensions);
    store.passages.push(...saved.passages.map((p) => new Document(p)));
    if (store.passages.length > 0) {
      const index = new HierarchicalNSW('cosine', saved.dimensions);
      const indexFile = path.join(directory, INDEX_FILE);
      try {
        await index.readIndex(indexFile);
      } catch (cause) {
        throw new Error(`cannot read ${indexFile}; rebuild the index with npm run index`, { cause });
      }
      if (index.getCurrentCount() !== store.passages.length) {
        throw new Error(
          `${indexFile} holds ${index.getCurrentCount()} vectors but ${docsFile} lists ${store.passages.length} passages; rebuild the index with npm run index`,
        );
      }
      store.index = index;
    }
    return store;
  }
}
