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

// Forms with an error summary: move focus to it so screen readers announce the problem.
const summary = document.querySelector('.error-summary[tabindex="-1"]');
if (summary instanceof HTMLElement) summary.focus();
