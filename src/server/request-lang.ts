import type { FastifyRequest } from 'fastify';
import type { Lang } from '../content/topics.ts';

const asLang = (value: unknown): Lang | undefined => (value === 'vi' || value === 'en' ? value : undefined);

/** The language a request's `Accept-Language` prefers between Vietnamese and English, if it names either. */
export function preferredLang(acceptLanguage: string | undefined): Lang | undefined {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = asLang(tag.split('-')[0]);
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang;
}

/**
 * The language to answer a person in: `lang` in the body or query when it says; else the page the request
 * came from (English pages live under `/en/`); else `Accept-Language`; else Vietnamese.
 */
export function requestLang(request: FastifyRequest): Lang {
  const fromBody = request.body && typeof request.body === 'object' ? asLang((request.body as Record<string, unknown>)['lang']) : undefined;
  const fromQuery = asLang((request.query as Record<string, unknown> | undefined)?.['lang']);
  return (
    fromBody ??
    fromQuery ??
    pageLang(request.headers.referer, request.headers.host) ??
    preferredLang(request.headers['accept-language']) ??
    'vi'
  );
}

/** The language of one of this site's pages named in `Referer` (the site sends it only to itself). */
function pageLang(referer: string | undefined, host: string | undefined): Lang | undefined {
  const match = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(referer ?? '');
  if (!match || !host || match[1]!.toLowerCase() !== host.toLowerCase()) return undefined;
  const path = match[2] ?? '/';
  return path === '/en' || path.startsWith('/en/') ? 'en' : 'vi';
}
