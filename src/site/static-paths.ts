import type { Lang } from '../content/topics.ts';
import { entriesIn, tagsIn, topicsIn } from './site-entries.ts';

/** `getStaticPaths` results for a language's entry pages. */
export async function entryPaths(lang: Lang) {
  return (await entriesIn(lang)).map((entry) => ({ params: { topic: entry.topic, slug: entry.slug }, props: { entry } }));
}

/** `getStaticPaths` results for a language's topic pages. */
export async function topicPaths(lang: Lang) {
  const other = new Set((await topicsIn(lang === 'vi' ? 'en' : 'vi')).map((t) => t.topic));
  return (await topicsIn(lang)).map(({ topic, entries }) => ({
    params: { topic },
    props: { lang, topic, entries, hasTranslation: other.has(topic) },
  }));
}

/** `getStaticPaths` results for a language's tag pages. */
export async function tagPaths(lang: Lang) {
  return (await tagsIn(lang)).map(({ slug, tag, entries }) => ({ params: { tag: slug }, props: { lang, tag, entries } }));
}
