import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/printable.ts';

describe('printable', () => {
  it('keeps ordinary Vietnamese text as it is', () => {
    expect(printable('Làm giấy chứng tử cần những gì?')).toBe('Làm giấy chứng tử cần những gì?');
  });

  it('shows terminal escapes, newlines and other controls as visible escapes', () => {
    expect(printable('a\u001b[2J\u001b[Hb\r\nc\td\u0000e\u0085f\u007f')).toBe('a\\e[2J\\e[Hb\\r\\nc\\td\\x00e\\x85f\\x7f');
  });

  it('shows direction overrides and line separators, so a question cannot reorder or split a line', () => {
    expect(printable('abc\u202edef\u2028ghi\u2066')).toBe('abc\\u202edef\\u2028ghi\\u2066');
  });

  it('doubles a backslash, so a typed "\\n" cannot pass for an escaped newline', () => {
    expect(printable('a\\nb')).toBe('a\\\\nb');
  });

  it('cuts long text at the limit with an ellipsis, never inside an escape', () => {
    expect(printable('đ'.repeat(200), 10)).toBe(`${'đ'.repeat(10)}…`);
    expect(printable('abcdefgh\u001b', 9)).toBe('abcdefgh…');
    expect(printable('abcdefg', 7)).toBe('abcdefg');
  });
});
