import { LANGS, type Lang } from '../content/topics.ts';
import { glossaryUrl, searchUrl } from '../content/urls.ts';
import { entriesIn, tagsIn, topicsIn } from './site-entries.ts';

/**
 * `getStaticPaths` of the site's routes. Every route takes the language as its first parameter, `[...lang]`:
 * empty for Vietnamese (served at `/`), `en` for English (under `/en/`), so one route serves both languages.
 */
const langParam = (lang: Lang) => (lang === 'vi' ? undefined : lang);

/** The last path segment of a page URL (`/tim-kiem/` → `tim-kiem`). */
const lastSegment = (url: string) => url.split('/').filter(Boolean).at(-1)!;

/** The home page of each language. */
export function homePaths() {
  return LANGS.map((lang) => ({ params: { lang: langParam(lang) }, props: { lang } }));
}

/** Pages one level below the home page: every topic, the search page and the glossary, in each language. */
export async function sectionPaths() {
  const paths = [];
  for (const lang of LANGS) {
    const other = new Set((await topicsIn(lang === 'vi' ? 'en' : 'vi')).map((t) => t.topic));
    for (const { topic, entries } of await topicsIn(lang)) {
      paths.push({
        params: { lang: langParam(lang), section: topic },
        props: { kind: 'topic' as const, lang, topic, entries, hasTranslation: other.has(topic) },
      });
    }
    paths.push({ params: { lang: langParam(lang), section: lastSegment(searchUrl(lang)) }, props: { kind: 'search' as const, lang } });
    paths.push({ params: { lang: langParam(lang), section: lastSegment(glossaryUrl(lang)) }, props: { kind: 'glossary' as const, lang } });
  }
  return paths;
}

/** Every entry page, in each language. */
export async function entryPaths() {
  const paths = [];
  for (const lang of LANGS) {
    for (const entry of await entriesIn(lang))
      paths.push({ params: { lang: langParam(lang), section: entry.topic, slug: entry.slug }, props: { entry } });
  }
  return paths;
}

/** Every tag page, in each language. */
export async function tagPaths() {
  const paths = [];
  for (const lang of LANGS) {
    for (const { slug, tag, entries } of await tagsIn(lang))
      paths.push({ params: { lang: langParam(lang), tag: slug }, props: { lang, tag, entries } });
  }
  return paths;
}
