import type { Lang } from '../content/topics.ts';

/** Folder of the site that holds the browser's question index. */
export const ASK_INDEX_DIR = 'ask-index';

/** File names inside {@link ASK_INDEX_DIR}. */
export function browserIndexFiles(): { entries: string; glossary: string; version: string; keyword: Record<Lang, string> } {
  return {
    entries: 'entries.json',
    glossary: 'glossary.json',
    version: 'version.json',
    keyword: { vi: 'keyword-vi.bin', en: 'keyword-en.bin' },
  };
}
