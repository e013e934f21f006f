// Enhancements only: every page works without this script.
document.documentElement.classList.add('js');

// E-library: apply a filter or a sort as soon as it changes.
for (const form of document.querySelectorAll('form.library')) {
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') form.requestSubmit();
    if (target instanceof HTMLSelectElement) form.requestSubmit();
  });
}
// E-library: the filters' disclosure is closed on a phone (the results come first) and open as a
// sidebar on a wide screen, as wide as the layout's two columns (40-content.css).
if (matchMedia('(min-width: 56rem)').matches) for (const filters of document.querySelectorAll('details.filters')) filters.open = true;

// Forms with an error summary: move focus to it so screen readers announce the problem.
const summary = document.querySelector('.error-summary[tabindex="-1"]');
if (summary instanceof HTMLElement) summary.focus();

// The header's menu and languages are disclosures on a phone; on a wide screen their content
// shows inline. Browsers that cannot style ::details-content (header.css) get them opened here.
if (!CSS.supports('selector(::details-content)')) {
  const wide = matchMedia('(min-width: 60rem)');
  const sync = () => {
    for (const d of document.querySelectorAll('.header-menu, .header-languages')) d.open = wide.matches;
  };
  sync();
  wide.addEventListener('change', sync);
}
// A disclosure of the header closes with Escape, and when another one opens.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = document.activeElement?.closest('.site-header details[open]');
  if (open) {
    open.open = false;
    open.querySelector('summary')?.focus();
  }
});
for (const d of document.querySelectorAll('.site-header details')) {
  d.addEventListener('toggle', () => {
    if (d.open)
      for (const other of document.querySelectorAll('.site-header details[open]'))
        if (other !== d && !matchMedia('(min-width: 60rem)').matches) other.open = false;
  });
}

// The report's details are closed <details>: a link to something inside one (a dimension, a
// criterion) opens it first, so that the target shows. Without this script its summary opens it.
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  let opened = false;
  for (let d = target.closest('details'); d; d = d.parentElement?.closest('details') ?? null) {
    if (!d.open) opened = d.open = true;
  }
  if (opened) target.scrollIntoView();
}
openTarget();
window.addEventListener('hashchange', openTarget);

// A round's page: a copy button beside each link to share (the Clipboard API). Its status is read
// out by screen readers; where copying is refused, the link is selected for the keyboard instead.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector('.copy-status');
  if (!(field instanceof HTMLInputElement) || !status) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = button.dataset.copied;
    } catch {
      field.focus();
      field.select();
      status.textContent = button.dataset.failed;
    }
  });
}
// A read-only link field selects its whole text when focused, ready to copy by hand.
for (const field of document.querySelectorAll('input.share-link, input.share-short')) field.addEventListener('focus', () => field.select());

// A centre's network profile: the note beside an item shows once the item is ticked (or when it
// holds text already). Without this script every note shows.
for (const box of document.querySelectorAll('input[data-reveals]')) {
  const target = document.getElementById(box.dataset.reveals);
  if (!target) continue;
  const input = target.querySelector('input');
  const sync = () => {
    target.hidden = !box.checked && !(input && input.value) && !target.querySelector('.field-error');
  };
  sync();
  box.addEventListener('change', sync);
}
