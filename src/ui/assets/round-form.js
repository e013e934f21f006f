// The form that starts a self-assessment round (modules/assessment/rounds/views/new-round.ts).
// Enhancement only: the server sends every counter right and the ready-made sets are links. This
// keeps the counters, the running total and each group's answering time up to date as boxes are
// ticked, applies a ready-made set in place (keeping what was typed), and shows "select all /
// none" per criterion. Texts come from the page: ICU patterns in data-pattern attributes,
// formatted here for the few forms they use ({name}, plural with =n, categories and #).

const lang = document.documentElement.lang || 'en';
const numbers = new Intl.NumberFormat(lang);
const plurals = new Intl.PluralRules(lang);

/** The index of the brace that closes the one at `start`. */
function closing(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

function format(pattern, values, hash) {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') {
      const end = closing(pattern, i);
      out += argument(pattern.slice(i + 1, end), values);
      i = end;
    } else if (ch === '#' && hash !== undefined) out += numbers.format(hash);
    else if (ch === "'" && pattern[i + 1] === "'") {
      out += "'";
      i++;
    } else out += ch;
  }
  return out;
}

function argument(body, values) {
  const comma = body.indexOf(',');
  const name = (comma === -1 ? body : body.slice(0, comma)).trim();
  const value = values[name];
  if (comma === -1) return typeof value === 'number' ? numbers.format(value) : String(value ?? '');
  const rest = body.slice(comma + 1);
  const second = rest.indexOf(',');
  if (rest.slice(0, second).trim() !== 'plural') return String(value ?? '');
  const branches = new Map();
  const options = rest.slice(second + 1);
  for (let i = 0; i < options.length;) {
    const open = options.indexOf('{', i);
    if (open === -1) break;
    const end = closing(options, open);
    branches.set(options.slice(i, open).trim(), options.slice(open + 1, end));
    i = end + 1;
  }
  const chosen = branches.get(`=${value}`) ?? branches.get(plurals.select(value)) ?? branches.get('other') ?? '';
  return format(chosen, values, value);
}

for (const form of document.querySelectorAll('form.round-form')) {
  const picker = form.querySelector('#field-indicators');
  if (!picker) continue;
  const boxes = [...picker.querySelectorAll('input[name="indicators"]')];
  const perStatement = Number(picker.dataset.secondsStatement);
  const perPage = Number(picker.dataset.secondsPage);
  const least = Number(picker.dataset.leastMinutes);
  const total = form.querySelector('#round-total');

  function update() {
    for (const criterion of picker.querySelectorAll('details[data-criterion]')) {
      const inside = [...criterion.querySelectorAll('input[name="indicators"]')];
      const counter = criterion.querySelector('[data-counter]');
      counter.textContent = format(counter.dataset.pattern, { n: inside.filter((b) => b.checked).length, total: inside.length });
    }
    const chosen = boxes.filter((b) => b.checked);
    if (total) {
      const min = Number(total.dataset.min);
      const [count, certificate] = total.querySelectorAll('span');
      count.textContent = format(count.dataset.pattern, { n: chosen.length });
      const missing = Math.max(0, min - chosen.length);
      certificate.textContent = format(missing ? certificate.dataset.missing : certificate.dataset.enough, { missing, min });
      total.classList.toggle('enough', missing === 0);
    }
    // Each group answers one page per criterion with a statement asked of it, then a page of the
    // centre's own statements (asked of everyone): the same count as questionnaire/pages.ts.
    const own = [...form.querySelectorAll('input[name^="own"]')].filter((i) => i.value.trim() !== '').length;
    for (const estimate of form.querySelectorAll('[data-estimate]')) {
      const group = estimate.dataset.estimate;
      const asked = chosen.filter((b) => b.dataset.groups.split(' ').includes(group));
      const pages = new Set(asked.map((b) => b.closest('details').dataset.criterion)).size + (own ? 1 : 0);
      const statements = asked.length + own;
      const minutes = Math.max(least, Math.ceil((statements * perStatement + pages * perPage) / 60));
      estimate.textContent = format(estimate.dataset.pattern, { n: statements, minutes });
    }
  }

  form.addEventListener('change', update);
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name.startsWith('own')) update();
  });

  for (const actions of picker.querySelectorAll('.picker-actions')) {
    actions.hidden = false;
    actions.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-select]') : null;
      if (!button) return;
      for (const box of actions.closest('details').querySelectorAll('input[name="indicators"]')) box.checked = button.dataset.select === 'all';
      update();
    });
  }

  // A ready-made set, applied in place: what was typed elsewhere on the form stays.
  for (const link of picker.querySelectorAll('a[data-preset]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const preset = link.dataset.preset;
      for (const box of boxes) box.checked = box.dataset.in.split(' ').includes(preset);
      update();
    });
  }
}
