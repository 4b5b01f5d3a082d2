import { markup, type SafeHtml } from './html.ts';
import type { DayCount } from './log-figures.ts';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 40, right: 8, top: 10, bottom: 28 };

/** A round top for the axis: 1, 2, 5 × a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max)!;
}

const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Questions per day as a server-rendered SVG bar chart: answered at the bottom of each bar, not answered on top,
 * each bar with a tooltip (`<title>`); colours are presentation attributes and classes, so the page's
 * Content-Security-Policy (no inline styles or scripts) allows it. The table beside it holds the same numbers.
 */
export function questionsChart(days: readonly DayCount[], labels: { answered: string; unanswered: string; title: string }): SafeHtml {
  const top = niceMax(Math.max(0, ...days.map((d) => d.questions)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const barW = Math.max(1, step * 0.75);
  const y = (n: number) => PAD.top + plotH - (n / top) * plotH;
  const every = Math.max(1, Math.ceil(days.length / 8));

  const grid = [0, top / 2, top].map((v) => {
    const at = fmt(y(v));
    return markup`<line class="chart-grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${at}" y2="${at}"/>
<text class="chart-axis" x="${PAD.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`;
  });
  const bars = days.map((d, i) => {
    const x = fmt(PAD.left + i * step + (step - barW) / 2);
    const { answered, questions } = d;
    const title = `${shortDay(d.day)}: ${questions} (${labels.answered} ${answered}, ${labels.unanswered} ${questions - answered})`;
    return markup`<g class="chart-day" data-day="${d.day}" data-questions="${questions}"><title>${title}</title>
<rect class="chart-answered" x="${x}" y="${fmt(y(answered))}" width="${fmt(barW)}" height="${fmt(y(0) - y(answered))}" fill="#1b6e5a"/>
<rect class="chart-unanswered" x="${x}" y="${fmt(y(questions))}" width="${fmt(barW)}" height="${fmt(y(answered) - y(questions))}" fill="#d9822b"/></g>`;
  });
  const ticks = days.map((d, i) => {
    if (i % every !== 0) return '';
    return markup`<text class="chart-axis" x="${fmt(PAD.left + i * step + step / 2)}" y="${HEIGHT - 10}" text-anchor="middle">${shortDay(d.day)}</text>`;
  });
  return markup`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${labels.title}" xmlns="http://www.w3.org/2000/svg">
${grid}${bars}${ticks}</svg>
<p class="chart-legend"><span class="swatch swatch-answered"></span> ${labels.answered}
<span class="swatch swatch-unanswered"></span> ${labels.unanswered}</p>`;
}
