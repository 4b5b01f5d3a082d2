import { describe, expect, it } from 'vitest';
import { questionsChart } from '../../src/ioc/bar-chart.ts';
import { toCsv } from '../../src/ioc/csv.ts';
import { markup } from '../../src/ioc/html.ts';
import { nearestRank } from '../../src/ioc/log-figures.ts';
import { localDay, parsePeriod } from '../../src/ioc/period.ts';

describe('toCsv', () => {
  it('quotes what needs quoting, keeps numbers as they are, and starts with a byte-order mark', () => {
    expect(
      toCsv({
        header: ['a', 'b'],
        rows: [
          ['x, "y"', 3.25],
          ['line\nbreak', null],
          [' padded', 0],
        ],
      }),
    ).toBe('\uFEFFa,b\r\n"x, ""y""",3.25\r\n"line\nbreak",\r\n" padded",0\r\n');
  });

  it('keeps a question that starts like a formula as text in a spreadsheet', () => {
    expect(toCsv({ header: ['q'], rows: [['=HYPERLINK("http://x")'], ['+1'], ['-1'], ['@SUM(A1)']] })).toBe(
      '\uFEFFq\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+1\r\n\'-1\r\n\'@SUM(A1)\r\n',
    );
  });
});

describe('markup', () => {
  it('escapes every value but the safe HTML it built itself', () => {
    const tag = markup;
    const cell = tag`<td>${'<img src=x onerror=alert(1)>'}</td>`;
    const row = tag`<tr>${cell}${['"', "'", '&']}${null}${undefined}${false}</tr>`;
    expect(row.text).toBe('<tr><td>&#60;img src=x onerror=alert(1)&#62;</td>&#34;&#39;&#38;</tr>');
  });
});

describe('parsePeriod', () => {
  const now = new Date('2026-11-23T18:30:00Z'); // 01:30 on 24 November in Vietnam

  it('defaults to the last 30 days, ending today in Vietnam time', () => {
    const p = parsePeriod({}, now);
    expect(p).toMatchObject({
      from: '2026-10-26',
      to: '2026-11-24',
      startUtc: '2026-10-25T17:00:00.000Z',
      endUtc: '2026-11-24T17:00:00.000Z',
    });
    expect('days' in p && p.days.length).toBe(30);
    expect(localDay(now)).toBe('2026-11-24');
  });

  it('says what is wrong with dates it cannot use', () => {
    expect(parsePeriod({ from: '2026-13-01' }, now)).toEqual({
      error: '"from" is "2026-13-01"; write a date as YYYY-MM-DD, e.g. 2026-11-24',
    });
    expect(parsePeriod({ from: '2026-11-05', to: '2026-11-01' }, now)).toEqual({
      error: 'the period starts (2026-11-05) after it ends (2026-11-01); swap the dates',
    });
    expect(parsePeriod({ from: '2024-01-01', to: '2026-01-01' }, now)).toEqual({ error: 'the period has 732 days; choose at most 366' });
  });
});

describe('nearestRank', () => {
  it('gives a measured value: the median and 95th percentile by nearest rank', () => {
    const ten = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    expect([nearestRank(ten, 0.5), nearestRank(ten, 0.95), nearestRank([7], 0.95), nearestRank([], 0.5)]).toEqual([40, 90, 7, null]);
  });
});

describe('questionsChart', () => {
  it('draws one bar per day, answered below and unanswered above, without inline styles', () => {
    const svg = questionsChart(
      [
        { day: '2026-11-01', questions: 4, answered: 3, noConfidentAnswer: 0, noMatch: 1 },
        { day: '2026-11-02', questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 },
      ],
      { answered: 'answered', unanswered: 'not answered', title: 'Questions per day' },
    ).text;
    expect(svg.match(/<g class="chart-day"/g)).toHaveLength(2);
    expect(svg).toContain('<title>01/11: 4 (answered 3, not answered 1)</title>');
    expect(svg).not.toMatch(/style=/);
  });
});
