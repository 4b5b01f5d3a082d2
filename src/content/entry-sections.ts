import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** A second-level section of an entry's answer, as plain text. */
export interface EntrySection {
  /** The `##` heading, or empty for text before the first heading. */
  heading: string;
  /** The section's text with Markdown removed, paragraphs and list items on their own lines. */
  text: string;
}

const parser = unified().use(remarkParse);

/**
 * Splits an answer body into its `##` sections. The question index embeds each
 * section as its own passage, so a long answer still matches a narrow question.
 */
export function splitSections(body: string): EntrySection[] {
  const tree = parser.parse(body);
  const sections: EntrySection[] = [];
  let current: EntrySection = { heading: '', text: '' };
  const lines: string[] = [];
  const flush = () => {
    current.text = lines.join('\n').trim();
    if (current.heading || current.text) sections.push(current);
    lines.length = 0;
  };
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      flush();
      current = { heading: toString(node).trim(), text: '' };
    } else if (node.type === 'list') {
      node.children.forEach((item, i) => {
        const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '-';
        lines.push(`${marker} ${toString(item, { includeImageAlt: false })}`);
      });
    } else {
      lines.push(toString(node, { includeImageAlt: false }));
    }
  }
  flush();
  return sections;
}
