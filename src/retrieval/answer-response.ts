import type { Lang } from '../content/topics.ts';
import type { SearchOutcome } from './handbook-search.ts';

/** One cited entry in an answer. */
export interface AskResult {
  id: string;
  /** Language of the entry: an English question may be answered by a Vietnamese-only entry. */
  lang: Lang;
  title: string;
  url: string;
  topic: string;
  excerpt: string;
  score: number;
}

/** What an answer says, wherever it was computed (the server's /api/ask or the browser's engine). */
export interface AnswerBody {
  /** `no_match`: nothing in the handbook is close, and no entries are listed. */
  status: SearchOutcome['status'];
  answer?: { id: string; lang: Lang; title: string; url: string; excerpt: string; confidence: number };
  results: AskResult[];
  /** The official name of a procedure the question names that the handbook has no entry on (never answered). */
  uncovered?: string;
  mode: 'hybrid' | 'lexical';
  /** The half of the handbook the results come from. */
  lang: Lang;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Cuts a passage to about `max` characters at a word boundary. */
export function excerpt(text: string, max = 280): string {
  // Bullet markers read as stray dashes once lines are joined; numbers of numbered steps stay.
  const flat = text
    .replace(/^- /gm, '')
    .replace(/\s*\n\s*/g, ' · ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6))}…`;
}

/** The answer body of a search outcome: the same for the server and the browser, so both say the same. */
export function answerBody(outcome: SearchOutcome): AnswerBody {
  const results = outcome.results.map((r) => ({
    id: r.entry.id,
    lang: r.entry.lang,
    title: r.entry.title,
    url: r.entry.url,
    topic: r.entry.topic,
    excerpt: excerpt(r.passage.text || r.entry.title),
    score: round(r.score),
  }));
  const top = results[0];
  return {
    status: outcome.status,
    ...(outcome.status === 'answered' && top
      ? {
          answer: {
            id: top.id,
            lang: top.lang,
            title: top.title,
            url: top.url,
            excerpt: top.excerpt,
            confidence: round(outcome.confidence),
          },
        }
      : {}),
    results,
    ...(outcome.uncovered ? { uncovered: outcome.uncovered } : {}),
    mode: outcome.mode,
    lang: outcome.lang,
  };
}
