import type { BarChartOptions } from './bar-chart.ts';
import type { DistributionOptions } from './distribution-chart.ts';
import type { HeatMapOptions } from './heat-map.ts';

// An example of each chart, with what makes charts go wrong: markup in a label, labels too long
// for a line, labels in another language and direction, missing values, every colour of the
// scales. The tests render, validate and measure them.

export const format = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 });
export const evil = 'Mentors <script>alert("x")</script> & "quotes"';
/** Two lines of a chart's label. */
export const long = 'Work-based learning is planned together with the partner companies of the region';
/** More than three lines of a chart's label. */
export const longer = `${long}, reviewed every year with the learners, the teachers and the employers who take them on`;

export const bars = (over: Partial<BarChartOptions> = {}): BarChartOptions => ({
  id: 'scores',
  title: 'Average score per criterion',
  tableLabel: 'Show as a table',
  rowHeader: 'Criterion',
  series: [{ key: 'all', label: 'All groups' }],
  rows: [
    { label: evil, values: [3.4] },
    { label: 'Teacher training', values: [null] },
    { label: long, lang: 'fr', values: [1] },
    { label: 'Digital skills', values: [5] },
    { label: longer, values: [2] },
  ],
  min: 1,
  max: 5,
  format,
  missingLabel: 'not enough answers',
  dir: 'ltr',
  ...over,
});

export const grouped = (over: Partial<BarChartOptions> = {}): BarChartOptions =>
  bars({
    id: 'groups',
    series: [
      { key: 'leaders', label: 'Leaders' },
      { key: 'teachers', label: `Teachers ${evil}` },
      { key: 'companies', label: 'Companies' },
    ],
    rows: [
      { label: 'Shared vision', values: [4.2, null, 3] },
      { label: long, values: [2, 2.5, null] },
    ],
    ...over,
  });

export const heat = (over: Partial<HeatMapOptions> = {}): HeatMapOptions => ({
  id: 'heat',
  title: 'Criteria by group',
  cornerHeader: 'Criterion',
  rows: [{ label: long }, { label: evil }, { label: 'Inclusion', lang: 'fr' }, { label: 'التكوين', lang: 'ar' }, { label: 'Funding' }],
  columns: [{ label: 'Leaders' }, { label: `Teachers ${evil}` }, { label: 'القادة', lang: 'ar' }],
  // Every step of the colour scale is used, so every text/fill pair is checked.
  values: [
    [1, 1.9, 2.7],
    [null, 3, null],
    [3.5, 5, 4.6],
    [2.2, 3.3, 4.4],
    [1.1, null, 4],
  ],
  min: 1,
  max: 5,
  format,
  missingLabel: 'not enough answers',
  dir: 'ltr',
  legend: { low: 'low', high: 'high' },
  ...over,
});

export const distribution = (over: Partial<DistributionOptions> = {}): DistributionOptions => ({
  id: 'answers',
  title: 'Answers per indicator',
  tableLabel: 'Show as a table',
  rowHeader: 'Indicator',
  categories: ['1', '2', '3', '4', '5', 'not applicable', evil].map((label, k) => ({ key: `c${k}`, label })),
  rows: [
    // Equal shares: every segment is wide enough for its count, so every colour carries text.
    { label: long, counts: [10, 10, 10, 10, 10, 10, 10] },
    { label: 'Teacher training', lang: 'fr', counts: [0, 1, 2, 300, 40, 0, 1] },
    { label: 'No answers yet', counts: [0, 0, 0, 0, 0, 0, 0] },
  ],
  format,
  dir: 'ltr',
  ...over,
});
