import { escapeHtml } from '../server/html-pages.ts';

/** HTML that is already safe: built by {@link markup}, whose every interpolated value was escaped. */
export class SafeHtml {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** What may go into a {@link markup} template: text (escaped), numbers, safe HTML, lists of them, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every value it is given unless it is {@link SafeHtml}, so officers' questions and
 * comments always show as text, never as HTML: the one way the dashboard writes HTML. (Not named `html`, so
 * Prettier leaves the templates' text as written.)
 * @example markup`<td>${question}</td>` // "<script>" becomes "&#60;script&#62;"
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}
