// The forms of one derivative, in tabs: Text, Pretty, LaTeX, and generated code (NumPy, PyTorch,
// JAX, Java, as `matcalc diff --format numpy` prints it), each with copy and download buttons.
// One tab is chosen for the whole page (the address's `code=`); code is asked for when its tab
// is first shown, since most visits never look at it.
'use strict';

const FORM_TABS = [
  { key: 'text', label: 'Text', file: 'derivative.txt' },
  { key: 'pretty', label: 'Pretty', file: 'derivative.txt' },
  { key: 'latex', label: 'LaTeX', file: 'derivative.tex' },
  { key: 'numpy', label: 'NumPy', file: 'matcalc_numpy.py', code: true },
  { key: 'pytorch', label: 'PyTorch', file: 'matcalc_pytorch.py', code: true },
  { key: 'jax', label: 'JAX', file: 'matcalc_jax.py', code: true },
  { key: 'java', label: 'Java', file: 'MatcalcFunction.java', code: true },
];
const FORM_KEYS = FORM_TABS.map((t) => t.key);

/** The text, pretty and LaTeX forms of a part, with its `where` definitions. */
function textForms(part) {
  const defs = part.definitions || [];
  return {
    text: defs.map((d) => d.name + ' = ' + d.text + '\n').join('') + (part.text || ''),
    pretty: (part.pretty || '') + defs.map((d) => '\n  where ' + d.name + ' = ' + d.pretty).join(''),
    latex: (part.latex || '') + (defs.length ? ',\\quad\\text{where } '
        + defs.map((d) => symbol(d.name) + ' = ' + d.latex).join(',\\ ') : ''),
  };
}

/**
 * The tabs of one part. `code(target)` gives a promise of {code} or {error}, or is null where the
 * part has no code of its own (a stacked gradient); `chosen()` is the page's tab, `choose(key)`
 * changes it for every part.
 */
function renderForms(part, code, chosen, choose) {
  const forms = textForms(part);
  const tabs = FORM_TABS.filter((t) => !t.code || code);
  const pre = el('pre', { class: 'form', tabindex: '0' });
  const bar = el('div', { class: 'tab-bar', role: 'tablist', 'aria-label': 'forms of the derivative' });
  const copy = el('button', { type: 'button', class: 'copy', text: 'Copy' });
  const download = el('a', { class: 'download', text: 'Download', role: 'button' });
  const box = el('div', { class: 'tabs' }, bar, pre);
  let shown = null;

  const show = (key, content, failed) => {
    if (shown !== key) return;                 // another tab was picked meanwhile
    pre.textContent = content;
    pre.classList.toggle('failed', !!failed);
    const tab = FORM_TABS.find((t) => t.key === key);
    download.setAttribute('download', tab.file);
    download.setAttribute('href', 'data:text/plain;charset=utf-8,' + encodeURIComponent(content));
    download.hidden = !!failed;
    copy.hidden = !!failed;
  };
  const select = (wanted) => {
    const key = tabs.some((t) => t.key === wanted) ? wanted : 'text';
    shown = key;
    bar.querySelectorAll('[role=tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.form === key)));
    pre.classList.toggle('code', !!FORM_TABS.find((t) => t.key === key).code);
    if (forms[key] !== undefined) {
      show(key, forms[key]);
      return;
    }
    show(key, 'Generating ' + FORM_TABS.find((t) => t.key === key).label + ' code…');
    download.hidden = true;
    code(key).then((r) => (r.error ? show(key, r.error.message, true) : show(key, (forms[key] = r.code))));
  };
  box.selectForm = select;
  tabs.forEach((t) => bar.append(el('button', {
    type: 'button', role: 'tab', text: t.label, 'data-form': t.key, onclick: () => choose(t.key),
  })));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pre.textContent);
      copy.textContent = 'Copied';
    } catch (e) {
      window.getSelection().selectAllChildren(pre);      // no clipboard (plain http): select it for Ctrl-C
      copy.textContent = 'Selected: press Ctrl-C';
    }
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  bar.append(el('span', { class: 'tab-actions' }, copy, download));
  select(chosen());
  return box;
}

/** Shows `key` in every part's tabs. */
function selectFormEverywhere(key) {
  document.querySelectorAll('.tabs').forEach((box) => box.selectForm && box.selectForm(key));
}
