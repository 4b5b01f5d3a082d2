import type { HandbookEntry } from '../content/parse-entry.ts';

/**
 * A document number as Vietnamese legal texts write it: number/year/issuer code ("123/2015/NĐ-CP",
 * "03/2025/TT-VPCP", "08/2023/TT-BLĐTBXH").
 */
const DOCUMENT_NUMBER = /\b\d{1,4}\/(?:19|20)\d{2}\/[A-ZĐ][A-ZĐa-zđ]*(?:-[A-ZĐ][A-ZĐa-zđ]*)*/gu;

/**
 * Published entries whose answer cites a legal document that their `legalBasis` does not list, each with the
 * numbers missing. An officer reads the legal basis to know what the answer rests on; a document the answer names
 * only as a former rule ("trước đây Nghị định 61/2018") may stay out, so this is a list to look at, not an error.
 */
export function unlistedCitations(entries: HandbookEntry[]): { entry: HandbookEntry; numbers: string[] }[] {
  return entries
    .filter((e) => e.data.status === 'published')
    .flatMap((entry) => {
      const listed = entry.data.legalBasis.join('\n');
      const cited = new Set(entry.body.match(DOCUMENT_NUMBER) ?? []);
      const numbers = [...cited].filter((n) => !listed.includes(n));
      return numbers.length > 0 ? [{ entry, numbers }] : [];
    });
}
