import type { AstroIntegration } from 'astro';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LANGS } from '../content/topics.ts';
import { loadGlossary } from '../content/glossary.ts';
import { loadHandbook } from '../content/load-handbook.ts';
import { toStoredEntry } from '../indexing/handbook-documents.ts';
import { glossaryRecord, sha256 } from '../indexing/index-files.ts';
import { keywordDocs } from '../retrieval/keyword-docs.ts';
import { encodeKeywordIndex } from '../retrieval/keyword-index-file.ts';
import { buildKeywordIndex } from '../retrieval/keyword-index.ts';
import { ASK_INDEX_DIR, browserIndexFiles } from '../browser/browser-index.ts';

/**
 * Writes the browser's copy of the question index next to the site (`ask-index/`): the entries, the glossary and
 * the keyword indexes, the same bytes the server builds. The site's search box and, when the API is out of reach,
 * the Ask box rank with them in a Web Worker, so the handbook answers offline and from a static host.
 */
export function askIndex(options: { dir: string }): AstroIntegration {
  return {
    name: 'ask-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { entries: parsed, byId } = await loadHandbook({ dir: options.dir });
        const glossary = await loadGlossary(options.dir, new Set(byId.keys()));
        const entries = parsed.map(toStoredEntry);
        const out = path.join(fileURLToPath(dir), ASK_INDEX_DIR);
        const work = `${out}.tmp`;
        await rm(work, { recursive: true, force: true });
        await mkdir(work, { recursive: true });
        const files = browserIndexFiles();
        const contents = new Map<string, Uint8Array | string>();
        // The entries as the server has them, wordings included (the wording judge reads them), without the content
        // hash (that is for the server's incremental re-embedding). Every file gzipped, so the offline copy stays small.
        const packed = (data: Uint8Array | string) => gzipSync(data, { level: 9 });
        contents.set(files.entries, packed(JSON.stringify(entries.map((e) => ({ ...e, hash: '' })))));
        contents.set(files.glossary, packed(glossaryRecord(glossary).json));
        for (const lang of LANGS)
          contents.set(files.keyword[lang], packed(encodeKeywordIndex(buildKeywordIndex(keywordDocs(entries, lang), lang))));
        const version = sha256([...contents.values()].map((c) => sha256(c)).join(''));
        for (const [name, data] of contents) await writeFile(path.join(work, name), data);
        await writeFile(
          path.join(work, files.version),
          JSON.stringify({ version, entries: entries.length, builtAt: new Date().toISOString() }),
        );
        await rm(out, { recursive: true, force: true });
        await rename(work, out);
        logger.info(`browser question index: ${entries.length} entries in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
