// Checks the Ukrainian framework file against the translation schema and the English ids.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { frameworkTranslation, parseFrameworkYaml } from '../src/modules/assessment/framework/format.ts';
const file = 'content/frameworks/vocational-excellence.uk.yml';
const uk = parseFrameworkYaml(frameworkTranslation, readFileSync(file, 'utf8'), file);
const en = parse(readFileSync('content/frameworks/vocational-excellence.en.yml', 'utf8'));
const fr = parse(readFileSync('content/frameworks/vocational-excellence.fr.yml', 'utf8'));
const d = en.dimensions.map((x: any) => x.id),
  c = en.dimensions.flatMap((x: any) => x.criteria.map((y: any) => y.id));
const i = en.dimensions.flatMap((x: any) => x.criteria.flatMap((y: any) => y.indicators.map((z: any) => z.id)));
const same = (a: string[], b: string[], what: string) => {
  if (a.join() !== b.join())
    console.log(
      what,
      'differ',
      a.filter((k) => !b.includes(k)),
      b.filter((k) => !a.includes(k)),
    );
};
same(Object.keys(uk.dimensions), d, 'dimensions');
same(Object.keys(uk.criteria), c, 'criteria');
same(Object.keys(uk.indicators), i, 'indicators');
same(Object.keys(uk.indicators), Object.keys(fr.indicators), 'indicators vs fr order');
for (const [k, v] of Object.entries(uk.indicators))
  if (/\p{Script=Latin}{4,}/u.test(v.statement.replace(/SELFIE|EntreComp|DigComp|Erasmus|EQAVET|ETF|Network|for|Excellence/g, ''))) console.log('latin?', k);
console.log(
  `ok: ${Object.keys(uk.dimensions).length} dimensions, ${Object.keys(uk.criteria).length} criteria, ${Object.keys(uk.indicators).length} indicators`,
);
