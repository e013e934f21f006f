const en = require('../src/i18n/en.json'),
  uk = require('../src/i18n/uk.json');
const terms = [
  [/IntVE platform/i, /платформ[аиоуіеюя]* IntVE/i],
  [/\bpackage/i, /пакет/i],
  [/\bstation/i, /етап/i],
  [/case stud/i, /кейс/i],
  [/e-library/i, /електронн\S* бібліотец|електронн\S* бібліотек/i],
  [/challenge checker/i, /перевір\S* викликів/i],
  [/in the spotlight/i, /у центрі уваги/i],
  [/vocational excellence/i, /професійн\S* досконал/i],
  [/\bcentre/i, /центр/i],
  [/self-assessment/i, /самооцінюван/i],
];
for (const [k, v] of Object.entries(en)) for (const [e, u] of terms) if (e.test(v.message) && !u.test(uk[k])) console.log(k, e, '|', uk[k].slice(0, 140));
