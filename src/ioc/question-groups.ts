import { findNearDuplicates, type QuestionText } from '../authoring/near-duplicates.ts';
import type { Lang } from '../content/topics.ts';
import type { UnansweredQuestion } from './log-figures.ts';

/**
 * How alike two questions must read to be one group: the IDF-weighted word and word-pair overlap of
 * src/authoring/near-duplicates.ts. Lower than the 0.7 that flags duplicate entries, because officers word one need
 * more loosely than editors word questions ("Làm hộ chiếu cần gì?" and "Làm hộ chiếu cần những gì?" are one group). It
 * compares words, not meanings: "Quên mật khẩu VNeID" and "Xin cấp lại mật khẩu VNeID" stay apart, and "Làm hộ
 * chiếu ở đâu?" joins "Làm hộ chiếu cần gì?" only just (0.4 against the real handbook's words).
 */
export const GROUP_SIMILARITY = 0.4;

/** Unanswered questions that mean the same, as one line of the dashboard. */
export interface QuestionGroup {
  /** `lang:normalized` of the most asked wording: names the group in the "draft an entry" form. */
  key: string;
  lang: Lang;
  /** Questions in the group (each time asked counts). */
  count: number;
  /** One wording per normalized text (its most typed spelling), most asked first. */
  phrasings: { text: string; times: number }[];
  /** The entries the service listed as closest, most often and highest first (3 at most). */
  closest: string[];
  lastAsked: string;
}

const BACKGROUND = 'handbook';

/** Union-find over positions. */
function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  return { find, join: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/**
 * Groups unanswered questions by meaning: the same normalized text always, and texts that the near-duplicate
 * measure finds at least {@link GROUP_SIMILARITY} alike (transitively). Biggest groups first.
 */
export function groupUnanswered(
  questions: readonly UnansweredQuestion[],
  options: { background?: readonly { lang: Lang; text: string }[]; threshold?: number } = {},
): QuestionGroup[] {
  // One item per language and normalized text, with its spellings counted.
  const texts = new Map<
    string,
    { lang: Lang; normalized: string; times: number; spellings: Map<string, number>; lastAsked: string; top: Map<string, number> }
  >();
  for (const q of questions) {
    const lang: Lang = q.lang === 'en' ? 'en' : 'vi';
    const key = `${lang}:${q.normalized}`;
    let t = texts.get(key);
    if (!t) texts.set(key, (t = { lang, normalized: q.normalized, times: 0, spellings: new Map(), lastAsked: q.askedAt, top: new Map() }));
    t.times++;
    const spelling = q.question.trim();
    t.spellings.set(spelling, (t.spellings.get(spelling) ?? 0) + 1);
    if (q.askedAt > t.lastAsked) t.lastAsked = q.askedAt;
    q.topIds.slice(0, 3).forEach((id, rank) => t.top.set(id, (t.top.get(id) ?? 0) + 3 - rank));
  }
  const items = [...texts.values()];
  const sets = unionFind(items.length);
  const comparable: QuestionText[] = items.map((t, i) => ({ id: String(i), lang: t.lang, file: '', text: t.normalized }));
  // The handbook's own questions weigh the words: "cần gì" and "ở đâu" are common there, "hộ chiếu" is not. They share
  // one id, so they are never paired with each other, and pairs with them are not groups.
  const background = (options.background ?? []).map((b) => ({ id: BACKGROUND, lang: b.lang, file: '', text: b.text }));
  for (const pair of findNearDuplicates([...comparable, ...background], options.threshold ?? GROUP_SIMILARITY)) {
    if (pair.a.id !== BACKGROUND && pair.b.id !== BACKGROUND) sets.join(Number(pair.a.id), Number(pair.b.id));
  }

  const groups = new Map<number, typeof items>();
  items.forEach((t, i) => {
    const root = sets.find(i);
    groups.set(root, [...(groups.get(root) ?? []), t]);
  });
  return [...groups.values()]
    .map((members) => {
      const ordered = [...members].sort((a, b) => b.times - a.times || (a.normalized < b.normalized ? -1 : 1));
      const head = ordered[0]!;
      const top = new Map<string, number>();
      for (const m of members) for (const [id, w] of m.top) top.set(id, (top.get(id) ?? 0) + w);
      return {
        key: `${head.lang}:${head.normalized}`,
        lang: head.lang,
        count: members.reduce((n, m) => n + m.times, 0),
        phrasings: ordered.map((m) => ({ text: mostTyped(m.spellings), times: m.times })),
        closest: [...top]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 3)
          .map(([id]) => id),
        lastAsked: members.reduce((last, m) => (m.lastAsked > last ? m.lastAsked : last), head.lastAsked),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked) || (a.key < b.key ? -1 : 1));
}

/** The spelling typed most often (on a tie, the first in code-point order, the same on every machine). */
function mostTyped(spellings: Map<string, number>): string {
  return [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
}
