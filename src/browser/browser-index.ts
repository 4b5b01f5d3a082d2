import { gunzipSync, strFromU8 } from 'fflate';
import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';

/** Folder of the site that holds the browser's question index. */
export const ASK_INDEX_DIR = 'ask-index';

/** File names inside {@link ASK_INDEX_DIR}. */
export function browserIndexFiles(): { entries: string; glossary: string; version: string; keyword: Record<Lang, string> } {
  return {
    // Gzipped JSON: the entries' wordings (aliases, search phrases) are needed to rank like the server, and the
    // offline copy has a size budget. Unpacked by the page's own code (fflate), not by HTTP, so it works on any
    // static host and in browsers without DecompressionStream (Safari before 16.4).
    entries: 'entries.json.gz',
    glossary: 'glossary.json',
    version: 'version.json',
    keyword: { vi: 'keyword-vi.bin', en: 'keyword-en.bin' },
  };
}

/**
 * The entries of the browser index from the bytes of {@link browserIndexFiles}'s `entries` file. Plain JSON is read
 * as well, for a static host that already undid the gzip (served it with `Content-Encoding: gzip`).
 */
export function readBrowserEntries(bytes: Uint8Array): StoredEntry[] {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return JSON.parse(strFromU8(gzipped ? gunzipSync(bytes) : bytes)) as StoredEntry[];
}
