import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
const en = parse(readFileSync('content/frameworks/vocational-excellence.en.yml', 'utf8'));
const [part] = process.argv.slice(2);
const inds = en.dimensions.flatMap((d: any) => d.criteria.flatMap((c: any) => c.indicators));
if (part === 'dc') {
  for (const d of en.dimensions) console.log('D', d.id, '|', d.title, '|', d.description);
  for (const d of en.dimensions) for (const c of d.criteria) console.log('C', c.id, '|', c.title, '|', c.description);
} else {
  const [a, b] = part!.split('-').map(Number);
  inds.slice(a, b).forEach((i: any, n: number) => console.log(a! + n, i.id, '|', i.statement, '|', i.explanation));
}
