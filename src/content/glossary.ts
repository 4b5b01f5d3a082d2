import path from 'node:path';
import { z } from 'astro/zod';
import { HandbookError, type EntryProblem } from './entry-error.ts';
import { foldWord, words } from '../text/fold.ts';
import { readYamlList } from './yaml-list.ts';
import { LANGS } from './topics.ts';

/** File of the glossary, inside the handbook folder. */
export const GLOSSARY_FILE = 'glossary.yaml';

/**
 * One glossary term: the official name and the words officers and citizens use for it. Search and Ask expand a
 * question with it in both directions ("sổ đỏ" finds the entries that say "Giấy chứng nhận quyền sử dụng đất").
 */
export const GlossaryTermSchema = z
  .object({
    /** The official term, as the law and the entries write it. */
    term: z
      .string({ message: 'write the official term as text' })
      .trim()
      .min(2, { message: 'write the official term (at least 2 characters)' }),
    /** Language of the term and of its everyday words. */
    lang: z.enum(LANGS, { message: 'write vi or en' }),
    /** The everyday words, abbreviations and old names people use for it (1–8). */
    says: z
      .array(z.string({ message: 'write each word as text' }).trim().min(2, { message: 'write each word (at least 2 characters)' }), {
        message: 'write says as a list, e.g. [sổ đỏ, sổ hồng]',
      })
      .min(1, { message: 'write at least one everyday word for the term' })
      .max(8, { message: 'keep at most 8 everyday words; split the term if it means several things' }),
    /**
     * Ids of the entries about the term, in the term's language. The first is the term's main entry: a question
     * that is nothing but the term opens it (src/retrieval/main-entry.ts).
     */
    entries: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'write the id of an entry' })).default([]),
    /** One short sentence shown on the glossary page. */
    note: z.string().trim().min(3).optional(),
    /**
     * The handbook does not cover this procedure (another agency's, or not written yet): a question naming it is
     * never answered from some other entry that shares its words ("giấy phép kinh doanh karaoke" is not household
     * business registration). Such a term links to no entry.
     */
    notCovered: z.boolean({ message: 'write notCovered: true, or leave it out' }).default(false),
  })
  .strict();

export type GlossaryTerm = z.output<typeof GlossaryTermSchema>;
export const GlossarySchema = z.array(GlossaryTermSchema, { message: 'write the glossary as a list of "- term: …" items' });

/**
 * Reads `<dir>/glossary.yaml`; a missing file is an empty glossary. Problems come as `file:line: field: message`,
 * like entries', and `entryIds` (`lang:id`) checks that every linked entry exists.
 */
export async function loadGlossary(dir: string, entryIds?: Set<string>, root = path.dirname(path.resolve(dir))): Promise<GlossaryTerm[]> {
  const list = readYamlList(
    dir,
    GLOSSARY_FILE,
    root,
    GlossarySchema,
    Object.keys(GlossaryTermSchema.shape),
    'write the glossary as a list of "- term: …" items',
  );
  if (!list) return [];
  const { file, items, lineOf } = list;
  const problems: EntryProblem[] = [];
  const seen = new Map<string, number>();
  // Every name of every item, as search matches it (folded words): one phrase can name one term only.
  const phrases = new Map<string, { item: number; name: string }>();
  items.forEach((t, i) => {
    const line = lineOf(i);
    const key = `${t.lang}:${t.term.toLocaleLowerCase('vi')}`;
    const twice = seen.has(key);
    if (twice)
      problems.push({ file, line, field: `${i}.term`, message: `"${t.term}" is already item ${seen.get(key)}; merge the two items` });
    else seen.set(key, i);
    [t.term, ...t.says].forEach((name, j) => {
      // A term listed twice is reported as such, not again as a name of the first.
      if (twice && j === 0) return;
      const phrase = `${t.lang}:${words(name).map(foldWord).join(' ')}`;
      const first = phrases.get(phrase);
      if (!first) phrases.set(phrase, { item: i, name });
      else if (first.item !== i)
        problems.push({
          file,
          line,
          field: j === 0 ? `${i}.term` : `${i}.says.${j - 1}`,
          message: `"${name}" also names "${items[first.item]!.term}" (item ${first.item}), and search cannot tell which is meant; keep it on one of them`,
        });
      else
        problems.push({
          file,
          line,
          field: `${i}.says.${j - 1}`,
          message:
            name.toLocaleLowerCase('vi') === first.name.toLocaleLowerCase('vi')
              ? `"${name}" repeats "${first.name}" of the same item; remove it`
              : `"${name}" is "${first.name}" to search, which ignores diacritics and case; keep one of them`,
        });
    });
    if (t.notCovered && t.entries.length > 0)
      problems.push({
        file,
        line,
        field: `${i}.entries`,
        message: 'a term the handbook does not cover links to no entry; remove its entries or remove notCovered',
      });
    if (entryIds) {
      t.entries.forEach((id, j) => {
        if (!entryIds.has(`${t.lang}:${id}`)) {
          problems.push({
            file,
            line,
            field: `${i}.entries.${j}`,
            message: `no ${t.lang} entry has the id "${id}"; write the id of an existing entry or remove it`,
          });
        }
      });
    }
  });
  if (problems.length > 0) throw new HandbookError(problems);
  return items;
}
