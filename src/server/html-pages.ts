import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { TOPICS, type Lang, type Topic } from '../content/topics.ts';
import { langPrefix } from '../content/urls.ts';
import { UI } from '../site/ui-strings.ts';
import type { ApiError } from './api-error.ts';
import type { AskResponse, AskResult } from './ask-handbook.ts';

/** What the plain pages borrow from the built site: its stylesheets. */
export interface PageShell {
  stylesheets: string[];
}

/** The stylesheets the site's own pages link (read from its 404 or home page), so plain pages look like it. */
export function siteShell(siteDir: string): PageShell {
  const page = ['404.html', 'index.html'].map((f) => path.join(siteDir, f)).find((f) => existsSync(f));
  const html = page ? readFileSync(page, 'utf8') : '';
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
    .map((m) => /\bhref="(\/[^"]*)"/.exec(m[0])?.[1])
    .filter((href): href is string => href !== undefined);
  return { stylesheets };
}

/** True for a form the browser posted itself (the Ask box without JavaScript): it gets HTML back, not JSON. */
export function isFormPost(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/** Text made safe to put in HTML, in element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const topicName = (topic: string, lang: Lang) => (topic in TOPICS ? TOPICS[topic as Topic][lang] : topic);

function page(lang: Lang, title: string, main: string, shell: PageShell): string {
  const t = UI[lang];
  const links = shell.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(t.siteName)}</title>${links}</head>
<body><header class="site-header"><div class="wrap header-row"><a class="site-name" href="${langPrefix(lang)}">${escapeHtml(t.siteName)}</a></div></header>
<main id="main" class="wrap">${main}</main></body></html>
`;
}

/** The Ask form again, holding the question, so the reader can change it and ask once more. */
function askForm(lang: Lang, question: string): string {
  const t = UI[lang];
  return `<section class="ask-box"><form class="ask-form" action="/api/ask" method="post">
<label for="ask-question">${escapeHtml(t.askLabel)}</label>
<div class="ask-row"><input id="ask-question" name="question" type="text" required minlength="3" maxlength="500" value="${escapeHtml(question)}">
<button type="submit">${escapeHtml(t.askButton)}</button></div></form></section>`;
}

function entryLink(r: Pick<AskResult, 'url' | 'title' | 'lang'>, lang: Lang): string {
  const badge = r.lang === lang ? '' : ` <span class="ask-entry-lang">(${escapeHtml(UI[lang].askEntryLang[r.lang])})</span>`;
  return `<a href="${escapeHtml(r.url)}" lang="${r.lang}">${escapeHtml(r.title)}</a>${badge}`;
}

function resultList(results: AskResult[], lang: Lang): string {
  const items = results.map(
    (r) => `<li>${entryLink(r, lang)}<span class="ask-topic"> · ${escapeHtml(topicName(r.topic, lang))}</span></li>`,
  );
  return `<ul class="ask-results">${items.join('')}</ul>`;
}

/**
 * The answer to a question posted as a form, as a page of its own: the same answer, links and notes the Ask
 * box shows with JavaScript, in the reader's language (`lang`), every text escaped.
 */
export function answerPage(r: AskResponse, question: string, lang: Lang, shell: PageShell): string {
  const t = UI[lang];
  const title = r.answer ? t.askAnswerHeading : r.status === 'no_match' ? t.askNoMatch : t.askNoAnswer;
  const parts = [`<h1>${escapeHtml(title)}</h1>`, `<p class="ask-question">${escapeHtml(t.askLabel)}: <q>${escapeHtml(question)}</q></p>`];
  if (r.uncovered && !r.answer) parts.push(`<p class="ask-uncovered">${escapeHtml(t.askUncovered(r.uncovered))}</p>`);
  if (r.answer) {
    const answer = r.answer;
    const topic = r.results.find((x) => x.id === answer.id)?.topic;
    parts.push(
      `<article class="ask-answer"><h2>${entryLink(answer, lang)}</h2><p lang="${answer.lang}">${escapeHtml(answer.excerpt)}</p>` +
        `<p class="ask-cite">${escapeHtml(t.askFromHandbook(topic ? topicName(topic, lang) : t.siteName))}</p></article>`,
    );
    const others = r.results.filter((x) => x.id !== answer.id);
    if (others.length > 0) parts.push(`<h2>${escapeHtml(t.askOtherResults)}</h2>`, resultList(others, lang));
  } else if (r.status === 'no_match') {
    parts.push(`<p>${escapeHtml(t.askNoMatchHint)}</p>`, `<p class="ask-recorded">${escapeHtml(t.askRecorded)}</p>`);
  } else {
    parts.push(`<p>${escapeHtml(r.results.length === 0 ? t.askNothingClose : r.uncovered ? t.askSharedWords : t.askClosest)}</p>`);
    if (r.results.length > 0) parts.push(resultList(r.results, lang));
    parts.push(`<p class="ask-recorded">${escapeHtml(t.askRecorded)}</p>`);
  }
  if (r.notice) parts.push(`<p class="ask-notice">${escapeHtml(t.askLexicalNotice)}</p>`);
  parts.push(askForm(lang, question), `<p><a href="${langPrefix(lang)}">${escapeHtml(t.home)}</a></p>`);
  return page(lang, title, parts.join('\n'), shell);
}

/** A failed form post as a page: what went wrong, in the words the API uses, and the form to try again. */
export function errorPage(error: ApiError, lang: Lang, shell: PageShell, question = ''): string {
  const t = UI[lang];
  const message = t.askError(error.message);
  return page(
    lang,
    t.askTitle,
    `<h1>${escapeHtml(t.askTitle)}</h1>\n<p class="ask-error">${escapeHtml(message)}</p>\n${askForm(lang, question)}`,
    shell,
  );
}
