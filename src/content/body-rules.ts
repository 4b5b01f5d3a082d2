import type { Link, Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { EntryProblem } from './entry-error.ts';

const parser = unified().use(remarkParse);

/** Text `npm run new-entry` puts in every section; a published entry must have replaced it. */
export const PLACEHOLDERS = ['(Viết nội dung ở đây.)', '(Write this section.)'];

/** A link target the site may render: a web address, a path on the site, or a fragment. */
function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed)) return true;
  // No scheme at all ("javascript:", "data:", "vbscript:" …): relative paths and #fragments only.
  return !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('//');
}

/**
 * Problems in an entry's answer that no reader may see, checked for every entry the site, the index and the
 * checker load: raw HTML (it would run in visitors' browsers), links other than http(s) or relative ones, and,
 * in published entries, empty sections or the scaffold's placeholder text (it would become an answer).
 * `firstLine` is the file line where the body starts.
 */
export function bodyProblems(file: string, body: string, firstLine: number, published: boolean): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const at = (node: Nodes) => firstLine + (node.position?.start.line ?? 1) - 1;
  const tree = parser.parse(body);
  const visit = (node: Nodes) => {
    if (node.type === 'html') {
      problems.push({
        file,
        line: at(node),
        field: '',
        message: `remove the HTML (${JSON.stringify(node.value.slice(0, 40))}); write plain Markdown`,
      });
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isSafeUrl((node as Link).url)) {
      problems.push({
        file,
        line: at(node),
        field: '',
        message: `link to an https:// address or a page of the handbook, not ${JSON.stringify((node as Link).url.slice(0, 40))}`,
      });
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  if (published) {
    const children = tree.children;
    children.forEach((node, i) => {
      if (node.type !== 'heading' || node.depth > 2) return;
      const next = children.slice(i + 1);
      const end = next.findIndex((n) => n.type === 'heading' && n.depth <= 2);
      const content = end === -1 ? next : next.slice(0, end);
      const text = body
        .slice(node.position?.end.offset ?? 0, content.at(-1)?.position?.end.offset ?? node.position?.end.offset ?? 0)
        .trim();
      if (text === '') problems.push({ file, line: at(node), field: '', message: 'write this section, or remove its heading' });
      else if (PLACEHOLDERS.some((p) => text.includes(p)))
        problems.push({ file, line: at(node), field: '', message: 'replace the placeholder text with the answer, or set status: draft' });
    });
  }
  return problems;
}
