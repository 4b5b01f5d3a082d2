import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { EntrySchema } from '../content/entry-schema.ts';
import { splitSections, type EntrySection } from '../content/entry-sections.ts';
import type { HandbookEntry } from '../content/parse-entry.ts';
import type { Topic } from '../content/topics.ts';
import { entryUrl } from '../content/urls.ts';
import { toStoredEntry, type StoredEntry } from '../indexing/handbook-documents.ts';
import { createRandom } from './seeded-random.ts';

/** Search phrases each synthetic entry carries, as many as a real entry has. */
const SEARCH_PHRASES = 16;
/**
 * Synthetic Vietnamese handbooks of any size, made from the real entries, for measuring speed and memory at
 * scale (`npm run bench -- --entries 10000`). Each entry takes a real entry's question, tags and section
 * headings, and recombines them with other real entries' aliases and answer sections; a commune or ward name
 * in the question and one alias makes every question distinct (as a pooled, national handbook would be), so
 * entries are about the real entries' size and the vocabulary grows with the count. Deterministic: the same
 * seed gives the same handbook. Never a quality measure: the recombined answers do not answer their questions.
 */

/** One synthetic entry: its file under the handbook folder, its Markdown, and the record the index stores. */
export interface SyntheticEntry {
  /** `vi/<topic>/<id>.md`, relative to the handbook folder. */
  file: string;
  markdown: string;
  stored: StoredEntry;
}

export interface SyntheticOptions {
  /** Number of entries to make. */
  count: number;
  /** PRNG seed; the same seed gives the same entries. */
  seed?: number;
}

/** Ids of synthetic entries: `synth-000123`. */
export const syntheticId = (i: number) => `synth-${String(i).padStart(6, '0')}`;

/** Syllables of Vietnamese commune and ward names; two or three make a name ("Tân Phú Đông"). */
const PLACE_SYLLABLES = (
  'An Bình Hòa Phú Tân Thạnh Long Mỹ Đông Tây Nam Bắc Trung Hưng Thịnh Phước Lộc Thuận Xuân Hải Sơn Lâm Thủy ' +
  'Quang Vĩnh Yên Hiệp Lợi Thành Đức Minh Khánh Hội Cát Hà Hồng Kim Ngọc Phong Điền Nghĩa Tiến Thắng Lạc Châu'
)
  .normalize('NFC')
  .split(' ');

/** One `## ` section of a real entry: its Markdown and the plain-text section the parser makes of it. */
interface SectionPiece {
  markdown: string;
  section: EntrySection;
}

/** What the generator draws from: the real Vietnamese entries, their sections grouped by heading, per topic. */
interface Pool {
  entries: HandbookEntry[];
  byHeading: Map<string, SectionPiece[]>;
  piecesOf: SectionPiece[][];
  byTopic: Map<Topic, number[]>;
}

function makePool(real: HandbookEntry[]): Pool {
  const entries = real.filter((e) => e.lang === 'vi' && e.data.status === 'published');
  if (entries.length === 0) throw new Error('the handbook has no published Vietnamese entry to make a synthetic handbook from');
  const byHeading = new Map<string, SectionPiece[]>();
  const piecesOf = entries.map((e) => {
    // A `## ` line starts a section; text before the first heading is left out (real entries have none).
    const chunks = e.body.split(/^(?=## )/m).filter((c) => c.startsWith('## '));
    return chunks.flatMap((chunk) => {
      const markdown = chunk.trim();
      const sections = splitSections(markdown);
      if (sections.length !== 1 || !sections[0]!.text) return [];
      const piece = { markdown, section: sections[0]! };
      (byHeading.get(piece.section.heading) ?? byHeading.set(piece.section.heading, []).get(piece.section.heading)!).push(piece);
      return [piece];
    });
  });
  const byTopic = new Map<Topic, number[]>();
  entries.forEach((e, i) => (byTopic.get(e.topic) ?? byTopic.set(e.topic, []).get(e.topic)!).push(i));
  return { entries, byHeading, piecesOf, byTopic };
}

/** The synthetic entries, one at a time, so a 50,000-entry handbook can be written without holding it. */
export function* syntheticEntries(real: HandbookEntry[], { count, seed = 1 }: SyntheticOptions): Generator<SyntheticEntry> {
  const pool = makePool(real);
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const idsByTopic = new Map<Topic, string[]>();
  for (let i = 0; i < count; i++) {
    const a = Math.floor(random() * pool.entries.length);
    const base = pool.entries[a]!;
    const sameTopic = pool.byTopic.get(base.topic)!.filter((j) => j !== a);
    const other = pool.entries[sameTopic.length > 0 ? pick(sameTopic) : a]!;
    const place = `${random() < 0.6 ? 'xã' : 'phường'} ${Array.from({ length: random() < 0.7 ? 2 : 3 }, () => pick(PLACE_SYLLABLES)).join(' ')}`;
    const withPlace = (q: string) => `${q.trim().replace(/[?.!\s]+$/u, '')} ở ${place}?`;

    const question = withPlace(base.data.question).slice(0, 200);
    const own = shuffle([...base.data.aliases], random);
    const aliases = [
      ...new Set([
        withPlace(own[0] ?? base.data.question),
        ...own.slice(1, 1 + Math.floor(random() * 3) + 2),
        pick(other.data.aliases.length > 0 ? other.data.aliases : [other.data.question]),
      ]),
    ];
    // Sixteen of the base entry's search phrases (real entries have 14–20), from a place that moves with the entry
    // number: no draw from `random`, so everything else about the handbook stays as it was before entries had them.
    const phrases = base.data.searchPhrases;
    const searchPhrases = Array.from({ length: Math.min(SEARCH_PHRASES, phrases.length) }, (_, j) => phrases[(i + j) % phrases.length]!);
    // Published entries need three aliases; an entry with few lends its own question and another's.
    for (const extra of [base.data.question, other.data.question]) if (aliases.length < 3 && !aliases.includes(extra)) aliases.push(extra);
    const tags = [...new Set([...base.data.tags, ...(random() < 0.5 && other.data.tags.length > 0 ? [pick(other.data.tags)] : [])])].slice(
      0,
      5,
    );
    // Each section is the entry's own or, half the time, the same heading from another entry.
    const pieces = pool.piecesOf[a]!.map((own) => (random() < 0.5 ? own : pick(pool.byHeading.get(own.section.heading)!)));
    const id = syntheticId(i);
    const earlier = idsByTopic.get(base.topic) ?? [];
    const related = earlier.length > 0 ? [...new Set([pick(earlier), pick(earlier)])] : [];
    idsByTopic.set(base.topic, [...earlier.slice(-50), id]);

    const front = {
      id,
      question,
      aliases,
      ...(searchPhrases.length > 0 ? { searchPhrases } : {}),
      topic: base.topic,
      tags,
      legalBasis: base.data.legalBasis,
      appliesTo: base.data.appliesTo,
      related,
      owner: base.data.owner,
      reviewedOn: base.data.reviewedOn.toISOString().slice(0, 10),
      reviewEvery: base.data.reviewEvery,
      status: 'published',
    };
    const body = pieces.map((p) => p.markdown).join('\n\n');
    const markdown = `---\n${stringify(front, { lineWidth: 0 })}---\n${body}\n`;
    const file = `vi/${base.topic}/${id}.md`;
    const stored = toStoredEntry({
      lang: 'vi',
      topic: base.topic,
      slug: id,
      file,
      url: entryUrl('vi', base.topic, id),
      data: EntrySchema.parse(front),
      body,
      sections: pieces.map((p) => p.section),
      fieldLines: {},
      declared: new Set(Object.keys(front)),
    });
    yield { file, markdown, stored };
  }
}

/** The synthetic handbook as the index stores it, in memory. */
export function syntheticStoredEntries(real: HandbookEntry[], options: SyntheticOptions): StoredEntry[] {
  return Array.from(syntheticEntries(real, options), (e) => e.stored);
}

/**
 * Writes the synthetic handbook as Markdown files (`<dir>/vi/<topic>/<id>.md`, valid for the checker, the index
 * and `astro build`) and returns what the index will store of them, in file order.
 */
export async function writeSyntheticHandbook(real: HandbookEntry[], dir: string, options: SyntheticOptions): Promise<StoredEntry[]> {
  const written: { file: string; stored: StoredEntry }[] = [];
  const made = new Set<string>();
  for (const entry of syntheticEntries(real, options)) {
    const folder = path.dirname(path.join(dir, entry.file));
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(path.join(dir, entry.file), entry.markdown);
    written.push({ file: entry.file, stored: entry.stored });
  }
  // The loader reads files in path order, so the index does too.
  return written.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)).map((w) => w.stored);
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
