import { getCollection, type CollectionEntry } from 'astro:content';
import { TOPIC_KEYS, type Lang, type Topic } from '../content/topics.ts';
import { entryUrl, tagSlug } from '../content/urls.ts';

/** A published entry as the pages see it. */
export interface SiteEntry {
  lang: Lang;
  topic: Topic;
  slug: string;
  url: string;
  entry: CollectionEntry<'handbook'>;
  data: CollectionEntry<'handbook'>['data'];
}

let cached: Promise<SiteEntry[]> | undefined;

/** Every published entry, newest review first within each language. */
export function siteEntries(): Promise<SiteEntry[]> {
  cached ??= getCollection('handbook', (e) => e.data.status === 'published').then((list) =>
    list
      .map((entry) => {
        // Collection ids are `<lang>/<topic>/<slug>`; the handbook check has already validated the layout.
        const [lang, topic, slug] = entry.id.split('/') as [Lang, Topic, string];
        return { lang, topic, slug, url: entryUrl(lang, topic, slug), entry, data: entry.data };
      })
      .sort((a, b) => b.data.reviewedOn.getTime() - a.data.reviewedOn.getTime() || a.data.question.localeCompare(b.data.question, a.lang)),
  );
  return cached;
}

/** Entries of one language. */
export async function entriesIn(lang: Lang): Promise<SiteEntry[]> {
  return (await siteEntries()).filter((e) => e.lang === lang);
}

/** The same entry in the other language, when it has been translated. */
export async function translationOf(e: SiteEntry): Promise<SiteEntry | undefined> {
  return (await siteEntries()).find((o) => o.lang !== e.lang && o.data.id === e.data.id);
}

/** Topics of a language with their entries, in the fixed topic order, empty topics left out. */
export async function topicsIn(lang: Lang): Promise<{ topic: Topic; entries: SiteEntry[] }[]> {
  const entries = await entriesIn(lang);
  return TOPIC_KEYS.map((topic) => ({ topic, entries: entries.filter((e) => e.topic === topic) })).filter((t) => t.entries.length > 0);
}

/** Tags of a language with their entries, by tag slug. */
export async function tagsIn(lang: Lang): Promise<{ slug: string; tag: string; entries: SiteEntry[] }[]> {
  const byslug = new Map<string, { slug: string; tag: string; entries: SiteEntry[] }>();
  for (const e of await entriesIn(lang)) {
    for (const tag of e.data.tags) {
      const slug = tagSlug(tag);
      const t = byslug.get(slug) ?? { slug, tag, entries: [] };
      t.entries.push(e);
      byslug.set(slug, t);
    }
  }
  return [...byslug.values()].sort((a, b) => a.tag.localeCompare(b.tag, lang));
}

/** Entries named in an entry's `related` list, in that order. */
export async function relatedOf(e: SiteEntry): Promise<SiteEntry[]> {
  const same = await entriesIn(e.lang);
  return e.data.related.flatMap((id) => same.filter((o) => o.data.id === id));
}
