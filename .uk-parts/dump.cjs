const en = require('../src/i18n/en.json');
const [a, b] = process.argv.slice(2).map(Number);
Object.entries(en)
  .slice(a, b)
  .forEach(([k, v], i) => console.log(a + i, k, '=', JSON.stringify(v.message), '//', v.note.slice(0, 90)));
