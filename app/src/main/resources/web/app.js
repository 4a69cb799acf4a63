// matcalc page: state, address, requests and wiring. Plain JS, no build step; the other scripts
// (dom, forms, steps, answer, evaluate) define what this one calls.
'use strict';

const KINDS = ['inferred', 'scalar', 'vector', 'matrix', 'symmetric'];
const LAYOUTS = ['numerator', 'denominator', 'mixed'];
const MAX_ORDER = 4;           // as the CLI and the API
const DEBOUNCE_MS = 300;

const state = { expr: '', wrt: [], lets: {}, order: 1, layout: 'numerator', code: 'text' };
let sequence = 0;          // answers to older requests are dropped
let timer = null;
let codeCache = {};        // target -> promise of the /api/derive answer with that code, for the answer shown

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
  state.order = order >= 1 && order <= MAX_ORDER ? order : 1;
  state.layout = LAYOUTS.includes(q.get('layout')) ? q.get('layout') : 'numerator';
  state.code = FORM_KEYS.includes(q.get('code')) ? q.get('code') : 'text';
}

function writeUrl() {
  const q = new URLSearchParams();
  if (state.expr) q.set('expr', state.expr);
  if (state.wrt.length) q.set('wrt', state.wrt.join(','));
  Object.entries(state.lets).forEach(([name, shape]) => q.append('let', name + ':' + shape));
  if (state.layout !== 'numerator') q.set('layout', state.layout);
  if (state.order !== 1) q.set('order', String(state.order));
  if (state.code !== 'text') q.set('code', state.code);
  const query = q.toString();
  history.replaceState(null, '', query ? '?' + query : location.pathname);
}

// ---- computing -----------------------------------------------------------------------
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(compute, DEBOUNCE_MS);
}

async function compute() {
  clearTimeout(timer);
  const mine = ++sequence;
  writeUrl();
  if (!state.expr.trim()) {
    showError(null);
    hideResult();
    renderVariables(null, 'Type an expression to see its variables.');
    renderWrt([]);
    return;
  }
  setStatus('Working…');
  const parsed = await post('/api/variables', { expr: state.expr, let: state.lets });
  if (mine !== sequence) return;
  if (parsed.error) {
    showError(parsed.error);
    hideResult();
    renderVariables(null, 'Correct the expression to see its variables.');
    renderWrt([]);
    return;
  }
  const variables = parsed.variables || {};
  const names = Object.keys(variables);
  renderVariables(variables);
  const wrt = effectiveWrt(names);
  renderWrt(names, wrt);
  if (!wrt.length) {
    showError(null);
    hideResult();
    return;
  }
  const request = { expr: state.expr, wrt, let: state.lets, order: state.order, layout: state.layout };
  const answer = await post('/api/derive', { ...request, steps: true });
  if (mine !== sequence) return;
  if (answer.error) {
    showError(answer.error);
    hideResult();
    return;
  }
  showError(null);
  codeCache = {};
  $('result').hidden = false;
  setStatus('');
  renderAnswer(answer, (index, target) => code(request, index, target), {
    chosen: () => state.code,
    choose: (key) => { state.code = key; writeUrl(); selectFormEverywhere(key); },
  });
  evaluationSetUp(request, variables);
  runCheck(mine, { ...request, points: 3 });
}

/** The generated code of derivative `index`, one request per target for all derivatives. */
function code(request, index, target) {
  if (!codeCache[target]) codeCache[target] = post('/api/derive', { ...request, formats: [target] });
  return codeCache[target].then((answer) => (answer.error ? answer
      : { code: ((answer.derivatives[index] || {}).code || {})[target] || '' }));
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
  if (text) $('result').hidden = false;
}

/** No answer to show (no expression, an error): no result card, no evaluation panel. */
function hideResult() {
  $('result').hidden = true;
  $('status').textContent = '';
  $('function').replaceChildren();
  $('derivatives').replaceChildren();
  $('check').hidden = true;
  evaluationHide();
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

/** The variables of the expression now typed; `vars` null when there are none to show, with why. */
function renderVariables(vars, why) {
  const box = $('variables');
  const names = Object.keys(vars || {});
  if (!names.length) {
    box.replaceChildren(el('p', { class: 'muted', text: why || 'The expression has no variables.' }));
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
      state.wrt = [...box.querySelectorAll('input:checked')].map((i) => i.value);
      compute();
    });
    return el('label', {}, input, ' ' + name);
  }));
}

// ---- wiring ----------------------------------------------------------------------------
/** An example of the gallery: its expression, variable and order replace the page's. */
function useExample(button) {
  state.expr = button.dataset.expr;
  state.wrt = (button.dataset.wrt || '').split(',').filter(Boolean);
  state.order = parseInt(button.dataset.order || '1', 10);
  state.layout = button.dataset.layout || 'numerator';
  state.lets = {};
  $('expr').value = state.expr;
  $('order').value = String(state.order);
  $('layout').value = state.layout;
  compute();
}

function init() {
  readUrl();
  $('expr').value = state.expr;
  $('order').value = String(state.order);
  $('layout').value = state.layout;
  $('expr').addEventListener('input', () => { state.expr = $('expr').value; schedule(); });
  $('order').addEventListener('change', () => { state.order = parseInt($('order').value, 10); compute(); });
  $('layout').addEventListener('change', () => { state.layout = $('layout').value; compute(); });
  document.querySelectorAll('#gallery .example').forEach((b) => b.addEventListener('click', () => useExample(b)));
  $('eval-random').addEventListener('click', evaluationRandom);
  $('eval-run').addEventListener('click', evaluationRun);
  renderWrt([]);
  if (state.expr) compute();
}

document.addEventListener('DOMContentLoaded', init);
