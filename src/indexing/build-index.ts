import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { LANGS } from '../content/topics.ts';
import type { GlossaryItem } from '../retrieval/glossary-expansion.ts';
import { encodeKeywordIndex } from '../retrieval/keyword-index-file.ts';
import { buildKeywordIndex } from '../retrieval/keyword-index.ts';
import { keywordDocs } from '../retrieval/keyword-docs.ts';
import { chunksOf, type Chunk, type StoredEntry } from './handbook-documents.ts';
import { HnswVectorStore } from './hnsw-vector-store.ts';
import { keywordCodeHash } from './source-hash.ts';
import {
  CURRENT_FILE,
  currentIndexDir,
  ENTRIES_FILE,
  GLOSSARY_INDEX_FILE,
  glossaryRecord,
  keywordFile,
  sha256,
  INDEXES_DIR,
  MANIFEST_FILE,
  readIndexFiles,
  VECTORS_FILE,
  type IndexFiles,
  type Manifest,
} from './index-files.ts';

/** Embeddings that can also embed question-like texts with the query prefix (see TransformersEmbeddings). */
export interface HandbookEmbeddings extends EmbeddingsInterface {
  embedQueries(texts: string[]): Promise<number[][]>;
}

/** The model side of an index build; absent for a lexical-only index. */
export interface IndexEmbedder {
  embeddings: HandbookEmbeddings;
  model: { id: string; dtype: string };
}

export interface BuildIndexOptions {
  dataDir: string;
  entries: StoredEntry[];
  /** The glossary the keyword search expands questions with. */
  glossary?: GlossaryItem[] | undefined;
  embedder?: IndexEmbedder | undefined;
  /** Hash of the handbook files the entries were read from (`handbookSourceHash`), recorded so a start can skip parsing them. */
  sourceHash?: string | undefined;
  /** Progress lines for the person waiting. */
  log?: (line: string) => void;
}

/**
 * Builds the question index into a new folder and switches `current.json` to it
 * only when every file is written. A build that fails or is killed leaves the
 * previous index serving. Entries whose content hash and model are unchanged
 * reuse their vectors from the previous index instead of being embedded again.
 */
export async function buildIndex({
  dataDir,
  entries,
  glossary = [],
  embedder,
  sourceHash,
  log = () => {},
}: BuildIndexOptions): Promise<{ dir: string; manifest: Manifest }> {
  const started = performance.now();
  const indexesDir = path.join(dataDir, INDEXES_DIR);
  await mkdir(indexesDir, { recursive: true });
  const buildId = new Date().toISOString().replace(/[:.]/g, '-');
  const work = path.join(indexesDir, `.building-${buildId}-${process.pid}`);
  await mkdir(work);
  try {
    const previous = await readPrevious(dataDir, embedder);
    const perEntry = entries.map((e, i) => chunksOf(e, i));
    const chunks: Chunk[] = perEntry.flat();
    const passageRanges: [number, number][] = [];
    let offset = 0;
    for (const list of perEntry) {
      passageRanges.push([offset, list.length]);
      offset += list.length;
    }

    let vectors = new Float32Array(0);
    let dimensions = 0;
    let embedded = 0;
    let reused = 0;
    if (embedder) {
      const perChunk: (Float32Array | undefined)[] = new Array(chunks.length);
      const todo: number[] = [];
      entries.forEach((e, i) => {
        const [start, count] = passageRanges[i]!;
        const old = previous?.reuse(e);
        for (let j = 0; j < count; j++) {
          if (old) perChunk[start + j] = old[j];
          else todo.push(start + j);
        }
      });
      reused = chunks.length - todo.length;
      log(
        `embedding ${todo.length} passages of ${new Set(todo.map((c) => chunks[c]!.entry)).size} changed entries (${reused} passages reused) with ${embedder.model.id}`,
      );
      const questions = todo.filter((c) => chunks[c]!.kind !== 'section');
      const sections = todo.filter((c) => chunks[c]!.kind === 'section');
      const progress = progressLine(todo.length, log);
      let done = 0;
      for (const [ids, embed] of [
        [questions, (t: string[]) => embedder.embeddings.embedQueries(t)],
        [sections, (t: string[]) => embedder.embeddings.embedDocuments(t)],
      ] as const) {
        for (let i = 0; i < ids.length; i += 32) {
          const batch = ids.slice(i, i + 32);
          const out = await embed(batch.map((c) => chunks[c]!.text));
          out.forEach((v, j) => (perChunk[batch[j]!] = Float32Array.from(v)));
          done += batch.length;
          progress(done);
        }
      }
      embedded = todo.length;
      dimensions = perChunk.find((v) => v)?.length ?? previous?.dimensions ?? 0;
      vectors = new Float32Array(chunks.length * dimensions);
      perChunk.forEach((v, i) => vectors.set(v!, i * dimensions));

      const store = new HnswVectorStore(embedder.embeddings, dimensions);
      const rows = chunks.map((_, i) => Array.from(vectors.subarray(i * dimensions, (i + 1) * dimensions)));
      await store.addVectors(
        rows,
        chunks.map(
          (c) =>
            new Document({
              pageContent: c.text,
              metadata: { entry: c.entry, kind: c.kind, part: c.part, lang: entries[c.entry]!.lang, topic: entries[c.entry]!.topic },
            }),
        ),
      );
      await store.save(work);
      await writeFile(path.join(work, VECTORS_FILE), new Uint8Array(vectors.buffer));
    }

    const keywordStarted = performance.now();
    for (const lang of LANGS)
      await writeFile(path.join(work, keywordFile(lang)), encodeKeywordIndex(buildKeywordIndex(keywordDocs(entries, lang), lang)));
    log(`keyword index: ${entries.length} entries in ${Math.round(performance.now() - keywordStarted)} ms`);
    const glossaryFile = glossaryRecord(glossary);
    await writeFile(path.join(work, GLOSSARY_INDEX_FILE), glossaryFile.json);
    await writeFile(path.join(work, ENTRIES_FILE), JSON.stringify(entries));
    const checksums: Record<string, string> = {};
    for (const name of (await readdir(work)).sort()) checksums[name] = sha256(await readFile(path.join(work, name)));

    const manifest: Manifest = {
      version: 2,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
      model: embedder ? { id: embedder.model.id, dtype: embedder.model.dtype, dimensions } : null,
      counts: { entries: entries.length, passages: chunks.length, embedded, reused },
      entries: Object.fromEntries(entries.map((e) => [e.key, e.hash])),
      passageRanges,
      glossaryHash: glossaryFile.hash,
      checksums,
      ...(sourceHash ? { sourceHash } : {}),
      keywordCode: keywordCodeHash(),
    };
    await writeFile(path.join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2));

    const final = path.join(indexesDir, buildId);
    await rename(work, final);
    const pointer = path.join(dataDir, `${CURRENT_FILE}.${process.pid}.tmp`);
    await writeFile(pointer, JSON.stringify({ dir: path.relative(dataDir, final) }));
    await rename(pointer, path.join(dataDir, CURRENT_FILE));
    await pruneOldIndexes(indexesDir, [final, previous?.dir]);
    log(`index ready: ${entries.length} entries, ${chunks.length} passages, ${manifest.buildMs} ms`);
    return { dir: final, manifest };
  } catch (e) {
    await rm(work, { recursive: true, force: true });
    throw e;
  }
}

/** The serving index, when its vectors can be reused with this model. */
async function readPrevious(dataDir: string, embedder: IndexEmbedder | undefined) {
  const dir = await currentIndexDir(dataDir);
  if (!dir || !embedder) return undefined;
  let files: IndexFiles;
  try {
    files = await readIndexFiles(dir);
  } catch {
    return undefined; // A damaged previous index only means nothing is reused.
  }
  const { manifest, entries, vectors } = files;
  if (!manifest.model || manifest.model.id !== embedder.model.id || manifest.model.dtype !== embedder.model.dtype) return undefined;
  const dims = manifest.model.dimensions;
  const byKey = new Map(entries.map((e, i) => [e.key, { e, range: manifest.passageRanges[i]! }]));
  return {
    dir,
    dimensions: dims,
    reuse(entry: StoredEntry): Float32Array[] | undefined {
      const old = byKey.get(entry.key);
      if (!old || old.e.hash !== entry.hash) return undefined;
      const [start, count] = old.range;
      return Array.from({ length: count }, (_, j) => vectors.slice((start + j) * dims, (start + j + 1) * dims));
    },
  };
}

/** Removes indexes other than the new and the previous one, and leftovers of killed builds. */
async function pruneOldIndexes(indexesDir: string, keep: (string | undefined)[]) {
  for (const name of await readdir(indexesDir)) {
    const full = path.join(indexesDir, name);
    if (keep.includes(full)) continue;
    // A folder still being built by another process has its pid in the name; leave it alone.
    const pid = /^\.building-.*-(\d+)$/.exec(name)?.[1];
    if (pid && isAlive(Number(pid))) continue;
    await rm(full, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reports progress as a percentage line at most every 10%, so logs stay short. */
function progressLine(total: number, log: (line: string) => void) {
  let shown = -1;
  return (done: number) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct >= shown + 10 || done === total) {
      shown = pct;
      log(`  embedded ${done}/${total} passages (${pct}%)`);
    }
  };
}
