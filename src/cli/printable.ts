/** Characters that would act on a terminal instead of showing: C0/C1 controls, DEL, line and bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what gets escaped.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(char: string): string {
  if (!UNPRINTABLE.test(char)) return char === '\\' ? '\\\\' : char;
  const code = char.codePointAt(0)!;
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * Text someone else typed, made safe to print on one terminal line: control characters, newlines and
 * direction overrides shown as visible escapes (`\e`, `\n`, `\u202e`), a backslash doubled, and the result
 * cut to `max` characters with "…".
 * @example printable('a\u001b[2Jb\nc') // 'a\\e[2Jb\\nc'
 */
export function printable(text: string, max = 120): string {
  let out = '';
  for (const char of text) {
    const shown = visible(char);
    if ([...out].length + [...shown].length > max) return `${out}…`;
    out += shown;
  }
  return out;
}
