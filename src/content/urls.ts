import { foldDiacritics } from '../text/fold.ts';
import type { Lang, Topic } from './topics.ts';

/** Path prefix of a language's pages: Vietnamese at the root, English under /en/. */
export function langPrefix(lang: Lang): string {
  return lang === 'vi' ? '/' : '/en/';
}

/** URL of an entry page, e.g. `/civil-status/dang-ky-khai-tu/`. */
export function entryUrl(lang: Lang, topic: Topic, slug: string): string {
  return `${langPrefix(lang)}${topic}/${slug}/`;
}

/** URL of a topic page. */
export function topicUrl(lang: Lang, topic: Topic): string {
  return `${langPrefix(lang)}${topic}/`;
}

/** URL-safe form of a tag: diacritics folded, words joined by hyphens. */
export function tagSlug(tag: string): string {
  return foldDiacritics(tag)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** URL of a tag page. */
export function tagUrl(lang: Lang, tag: string): string {
  return `${langPrefix(lang)}tags/${tagSlug(tag)}/`;
}

/** URL of the search page. */
export function searchUrl(lang: Lang): string {
  return lang === 'vi' ? '/tim-kiem/' : '/en/search/';
}

/** URL of the glossary page ("Thuật ngữ"). */
export function glossaryUrl(lang: Lang): string {
  return lang === 'vi' ? '/thuat-ngu/' : '/en/glossary/';
}
