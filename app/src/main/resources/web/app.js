// matcalc page: plain JS, no build step. Every piece of user data reaches the DOM through
// textContent or KaTeX (trust: false); innerHTML is never used.
'use strict';

const $ = (id) => document.getElementById(id);
const KINDS = ['inferred', 'scalar', 'vector', 'matrix', 'symmetric'];
const DEBOUNCE_MS = 300;

const state = { expr: '', wrt: [], lets: {}, order: 1, layout: 'numerator' };
let sequence = 0;          // answers to older requests are dropped
let timer = null;
let knownVariables = {};   // name -> {shape, origin} from the last successful parse

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  });
  children.forEach((c) => node.append(c));
  return node;
}

function tex(latex, node, display = true) {
  if (window.katex) {
    window.katex.render(latex, node, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore' });
  } else {
    node.textContent = latex;       // KaTeX not loaded: show the source
  }
  return node;
}

// ---- URL state -------------------------------------------------------------------------
function readUrl() {
  const q = new URLSearchParams(location.search);
  state.expr = q.get('expr') || '';
  state.wrt = (q.get('wrt') || '').split(',').map((s) => s.trim()).filter(Boolean);
  state.lets = {};
  q.getAll('let').forEach((item) => {
    const colon = item.indexOf(':');
    if (colon > 0) state.lets[item.slice(0, colon).trim()] = item.slice(colon + 1).trim();
  });
  const order = parseInt(q.get('order') || '1', 10);
  state.order = order >= 1 && order <= 3 ? order : 1;
  state.layout = ['numerator', 'denominator', 'mixed'].includes(q.get('layout')) ? q.get('layout') : 'numerator';
}

function writeUrl() {
  const q = new URLSearchParams();
  if (state.expr) q.set('expr', state.expr);
  if (state.wrt.length) q.set('wrt', state.wrt.join(','));
  Object.entries(state.lets).forEach(([name, shape]) => q.append('let', name + ':' + shape));
  if (state.layout !== 'numerator') q.set('layout', state.layout);
  if (state.order !== 1) q.set('order', String(state.order));
  const query = q.toString();
  history.replaceState(null, '', query ? '?' + query : location.pathname);
}

// ---- requests ------------------------------------------------------------------------
async function post(path, body) {
  try {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const json = await response.json();
    return json;
  } catch (e) {
    return { error: { message: 'the server did not answer (' + e.message + ')', line: 0, column: 0 } };
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(compute, DEBOUNCE_MS);
}

async function compute() {
  const mine = ++sequence;
  writeUrl();
  if (!state.expr.trim()) {
    showError(null);
    clearResult('Waiting for an expression.');
    renderVariables({});
    renderWrt([]);
    return;
  }
  setStatus('Working…');
  const parsed = await post('/api/variables', { expr: state.expr, let: state.lets });
  if (mine !== sequence) return;
  if (parsed.error) {
    showError(parsed.error);
    clearResult('');
    return;
  }
  knownVariables = parsed.variables || {};
  const names = Object.keys(knownVariables);
  renderVariables(knownVariables);
  const wrt = effectiveWrt(names);
  renderWrt(names, wrt);
  if (!wrt.length) {
    showError(null);
    clearResult('The expression has no variables to differentiate by.');
    return;
  }
  const request = { expr: state.expr, wrt, let: state.lets, order: state.order, layout: state.layout, steps: true };
  const answer = await post('/api/derive', request);
  if (mine !== sequence) return;
  if (answer.error) {
    showError(answer.error);
    clearResult('');
    return;
  }
  showError(null);
  renderAnswer(parsed, answer);
  runCheck(mine, { expr: state.expr, wrt, let: state.lets, order: state.order, layout: state.layout, points: 3 });
}

/** The chosen variables still in the expression; else the first one; for order k > 1, as many as the order allows. */
function effectiveWrt(names) {
  const chosen = state.wrt.filter((w) => names.includes(w));
  if (chosen.length) return state.order > 1 && chosen.length !== state.order ? [chosen[0]] : chosen;
  return names.length ? [names[0]] : [];
}

async function runCheck(mine, request) {
  const box = $('check');
  box.hidden = false;
  box.className = 'check pending';
  box.textContent = 'Checking against dual numbers…';
  const report = await post('/api/check', request);
  if (mine !== sequence) return;
  if (report.error) {
    box.className = 'check pending';
    box.textContent = 'Numeric check not available: ' + report.error.message;
    return;
  }
  if (report.verdict === 'unchecked') {
    // neither a match nor a mismatch: the numbers were not meaningful; the lines say why
    box.className = 'check pending';
    box.textContent = 'Could not check numerically: ' + report.lines.map((l) => l.split('\n').slice(1).join(' ').trim()).join(' ');
    return;
  }
  box.className = 'check ' + (report.passed ? 'ok' : 'failed');
  box.textContent = (report.passed ? '✓ Matches' : '✗ Does not match') + ' dual numbers at ' + report.points
      + ' random points: worst relative error ' + report.worstError.toExponential(2)
      + ' (tolerance ' + report.tolerance.toExponential(0) + ').';
}

// ---- rendering -------------------------------------------------------------------------
function setStatus(text) {
  $('status').textContent = text;
  $('status').hidden = !text;
}

function clearResult(status) {
  setStatus(status);
  $('function').replaceChildren();
  $('derivatives').replaceChildren();
  $('check').hidden = true;
}

/** The message, and the offending line with its span underlined. */
function showError(error) {
  const box = $('error');
  $('expr').classList.toggle('invalid', !!error);
  $('expr').setAttribute('aria-invalid', error ? 'true' : 'false');
  if (!error) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const source = $('error-source');
  source.replaceChildren();
  $('error-message').textContent = (error.line ? error.line + ':' + error.column + ': ' : '') + error.message;
  if (!error.line) return;
  const text = state.expr.split('\n')[error.line - 1] || '';
  const start = Math.min(Math.max(error.column - 1, 0), text.length);
  const length = Math.max(1, error.length || 1);
  const bad = text.slice(start, start + length) || ' ';     // an error at the end underlines a blank
  source.append(text.slice(0, start), el('span', { class: 'error-underline', text: bad }), text.slice(start + length));
}

const SHAPE = /^(scalar|vector|matrix|symmetric)(?:\(([^)]*)\))?$/;

function parseShape(shape) {
  const m = SHAPE.exec(shape || '');
  if (!m) return { kind: 'matrix', dims: ['m', 'n'] };
  return { kind: m[1], dims: m[2] ? m[2].split(',').map((s) => s.trim()) : [] };
}

function declaration(kind, dims) {
  const d = dims.map((s) => s.trim() || 'n');
  switch (kind) {
    case 'scalar': return 'scalar';
    case 'vector': return 'vector(' + d[0] + ')';
    case 'symmetric': return 'symmetric(' + d[0] + ')';
    default: return 'matrix(' + d[0] + ',' + (d[1] || d[0]) + ')';
  }
}

function renderVariables(vars) {
  const box = $('variables');
  const names = Object.keys(vars);
  if (!names.length) {
    box.replaceChildren(el('p', { class: 'muted', text: 'No variables yet.' }));
    return;
  }
  box.replaceChildren(...names.map((name) => variableRow(name, vars[name])));
}

function variableRow(name, info) {
  const declared = state.lets[name];
  const shape = parseShape(declared || info.shape);
  const kind = el('select', { 'aria-label': 'shape of ' + name, 'data-var': name, class: 'shape-kind' });
  KINDS.forEach((k) => kind.append(el('option', { value: k, text: k === 'inferred' ? 'inferred: ' + info.shape : k })));
  kind.value = declared ? shape.kind : 'inferred';
  const row = el('div', { class: 'var-row' }, el('span', { class: 'var-name', text: name }), kind);
  const wanted = { scalar: 0, vector: 1, symmetric: 1, matrix: 2 }[shape.kind] || 0;
  const dims = [];
  if (declared) {
    for (let i = 0; i < wanted; i++) {
      const input = el('input', { type: 'text', class: 'dim', value: shape.dims[i] || 'n',
        'aria-label': (i === 0 ? 'rows' : 'columns') + ' of ' + name });
      input.addEventListener('input', () => {
        state.lets[name] = declaration(kind.value, dims.map((d) => d.value));
        schedule();
      });
      dims.push(input);
      row.append(input);
    }
  }
  kind.addEventListener('change', () => {
    if (kind.value === 'inferred') delete state.lets[name];
    else {
      const inferred = parseShape(info.shape).dims;
      const guess = kind.value === 'symmetric' ? [inferred[0] || 'n'] : inferred.length ? inferred : ['n', 'n'];
      state.lets[name] = declaration(kind.value, guess);
    }
    compute();
  });
  return row;
}

function renderWrt(names, chosen) {
  const box = $('wrt');
  if (!names.length) {
    box.replaceChildren(el('span', { class: 'muted', text: '—' }));
    return;
  }
  box.replaceChildren(...names.map((name) => {
    const input = el('input', { type: 'checkbox', value: name, 'data-var': name });
    input.checked = (chosen || []).includes(name);
    input.addEventListener('change', () => {
      const current = [...box.querySelectorAll('input:checked')].map((i) => i.value);
      state.wrt = current;
      compute();
    });
    return el('label', {}, input, ' ' + name);
  }));
}

function renderAnswer(parsed, answer) {
  setStatus('');
  tex('f = ' + answer.latex, $('function'));
  const parts = answer.derivatives.slice();
  if (answer.stacked) parts.push(answer.stacked);
  $('derivatives').replaceChildren(...parts.map(renderPart));
}

function symbol(name) {
  return name.replace(/^t(\d+)$/, 't_{$1}');
}

function renderPart(part) {
  const node = el('div', { class: 'part' }, el('h2', { text: part.description }));
  const tensor = !part.matrixShape;   // no matrix form: the answer is a differential
  const lhs = tensor ? (part.order > 1 ? '\\mathrm{d}\\left(\\partial^{' + (part.order - 1) + '} f\\right)' : '\\mathrm{d}F')
      : part.order > 1 ? '\\frac{\\partial^{' + part.order + '} f}{' + part.wrt.map((w) => '\\partial ' + w).join('\\,') + '}'
      : '\\frac{\\partial f}{\\partial ' + part.wrt.join(',') + '}';
  node.append(tex(lhs + ' = ' + (part.latex || ''), el('div', { class: 'math derivative' })));
  if (tensor && part.tensor) {
    node.append(el('div', { class: 'tensor-form' },
        el('span', { class: 'muted', text: 'vec form (' + part.tensor.convention + '): ' }),
        tex('\\frac{\\partial\\,\\mathrm{vec}\\,F}{\\partial\\,\\mathrm{vec}(X)^\\top} = ' + part.tensor.latex, el('span'), false)));
  }
  if (tensor && part.index) {
    node.append(el('div', { class: 'index-form' },
        el('span', { class: 'muted', text: 'index form (repeated indices summed): ' }),
        tex(part.index.latex, el('span'), false)));
  }
  if (part.definitions && part.definitions.length) {
    const where = el('div', { class: 'where' }, 'where ');
    part.definitions.forEach((d, i) => {
      if (i) where.append(', ');
      where.append(tex(symbol(d.name) + ' = ' + (d.latex || d.text), el('span'), false));
    });
    node.append(where);
  }
  node.append(renderSteps(part.steps));
  node.append(renderForms(part));
  return node;
}

/** Steps may be absent (the engine may not report them): then the section says so. */
function renderSteps(steps) {
  const details = el('details', { class: 'steps-block' }, el('summary', { text: 'Step by step' }));
  if (!Array.isArray(steps) || !steps.length) {
    details.append(el('p', { class: 'muted', text: 'No steps reported for this derivative.' }));
    return details;
  }
  const list = el('ol', { class: 'steps' });
  steps.forEach((step) => {
    const item = el('li');
    if (step && typeof step === 'object') {
      if (step.rule) item.append(el('span', { class: 'rule', text: String(step.rule) }));
      if (step.law) item.append(el('span', { class: 'muted', text: String(step.law) + ' ' }));
      if (step.beforeLatex && step.afterLatex) item.append(tex(step.beforeLatex + ' \\;\\to\\; ' + step.afterLatex, el('span'), false));
      else if (step.before !== undefined) item.append(String(step.before) + '  →  ' + String(step.after));
      else if (step.latex) item.append(tex(String(step.latex), el('span'), false));
      else if (step.text) item.append(String(step.text));
      else if (!step.rule) item.append(JSON.stringify(step));
    } else {
      item.append(String(step));
    }
    list.append(item);
  });
  details.append(list);
  return details;
}

function renderForms(part) {
  const defs = (part.definitions || []);
  const forms = {
    Text: defs.map((d) => d.name + ' = ' + d.text + '\n').join('') + (part.text || ''),
    Pretty: (part.pretty || '') + defs.map((d) => '\n  where ' + d.name + ' = ' + d.pretty).join(''),
    LaTeX: (part.latex || '') + (defs.length ? ',\\quad\\text{where } '
        + defs.map((d) => symbol(d.name) + ' = ' + d.latex).join(',\\ ') : ''),
  };
  const pre = el('pre', { class: 'form' });
  const bar = el('div', { class: 'tab-bar', role: 'tablist' });
  let current = 'Text';
  const select = (name) => {
    current = name;
    pre.textContent = forms[name];
    bar.querySelectorAll('[role=tab]').forEach((b) => b.setAttribute('aria-selected', String(b.textContent === name)));
  };
  Object.keys(forms).forEach((name) => bar.append(el('button', { type: 'button', role: 'tab', text: name, onclick: () => select(name) })));
  const copy = el('button', { type: 'button', class: 'copy', text: 'Copy' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(forms[current]);
      copy.textContent = 'Copied';
    } catch (e) {
      copy.textContent = 'Select and copy';
    }
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  bar.append(copy);
  select('Text');
  return el('div', { class: 'tabs' }, bar, pre);
}

// ---- wiring ----------------------------------------------------------------------------
function init() {
  readUrl();
  $('expr').value = state.expr;
  $('order').value = String(state.order);
  $('layout').value = state.layout;
  $('expr').addEventListener('input', () => { state.expr = $('expr').value; schedule(); });
  $('order').addEventListener('change', () => { state.order = parseInt($('order').value, 10); compute(); });
  $('layout').addEventListener('change', () => { state.layout = $('layout').value; compute(); });
  if (state.expr) compute();
}

document.addEventListener('DOMContentLoaded', init);
