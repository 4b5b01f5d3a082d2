import { gunzipSync, strFromU8 } from 'fflate';
import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import type { GlossaryItem } from '../retrieval/glossary-expansion.ts';
import type { KeywordIndexData } from '../retrieval/keyword-index.ts';
import { decodeKeywordIndex } from '../retrieval/keyword-index-file.ts';

/** Folder of the site that holds the browser's question index. */
export const ASK_INDEX_DIR = 'ask-index';

/** File names inside {@link ASK_INDEX_DIR}. */
export function browserIndexFiles(): { entries: string; glossary: string; version: string; keyword: Record<Lang, string> } {
  return {
    // Gzipped: the entries' wordings (aliases, search phrases) are needed to rank like the server, and the offline
    // copy has a size budget, which the keyword indexes would take most of unpacked. Unpacked by the page's own code
    // (fflate), not by HTTP, so it works on any static host and in browsers without DecompressionStream (Safari
    // before 16.4).
    entries: 'entries.json.gz',
    glossary: 'glossary.json.gz',
    version: 'version.json',
    keyword: { vi: 'keyword-vi.bin.gz', en: 'keyword-en.bin.gz' },
  };
}

/**
 * The bytes of a browser index file as the build wrote them before gzipping. Bytes that are not gzip are taken as
 * they are, for a static host that already undid the gzip (served the file with `Content-Encoding: gzip`).
 */
export function unpackBrowserFile(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** The entries of the browser index from the bytes of {@link browserIndexFiles}'s `entries` file. */
export function readBrowserEntries(bytes: Uint8Array): StoredEntry[] {
  return JSON.parse(strFromU8(unpackBrowserFile(bytes))) as StoredEntry[];
}

/** The glossary of the browser index from the bytes of its `glossary` file. */
export function readBrowserGlossary(bytes: Uint8Array): GlossaryItem[] {
  return JSON.parse(strFromU8(unpackBrowserFile(bytes))) as GlossaryItem[];
}

/** A keyword index of the browser index from the bytes of one of its `keyword` files. */
export function readBrowserKeywordIndex(bytes: Uint8Array): KeywordIndexData {
  return decodeKeywordIndex(unpackBrowserFile(bytes));
}
