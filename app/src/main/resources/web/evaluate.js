// "Evaluate at a point": values typed for each variable (or drawn at random by /api/point, with a
// size for each symbolic dimension), then f and each derivative as numbers from /api/derive's
// `at`, in the shape(f) + shape(wrt) convention, and the check against dual numbers at that very
// point from /api/check's `at`.
'use strict';

const evaluation = {
  request: null,      // {expr, wrt, let, order, layout} of the answer shown
  variables: {},      // name -> {shape, origin}
  values: {},         // name -> the text typed (kept while the name stays)
  sizes: {},          // dimension -> the text typed
  seed: 0,            // each draw takes the next seed, so "Random values" gives new ones
  token: 0,           // answers to an older evaluation are dropped
};

/** The symbolic dimensions of the variables' shapes (n in vector(n), m and n in matrix(m,n)). */
function symbolicDimensions(variables) {
  const dims = [];
  Object.values(variables).forEach((info) => {
    const m = /\(([^)]*)\)/.exec(info.shape || '');
    if (m) m[1].split(',').map((s) => s.trim()).forEach((d) => {
      if (d && !/^\d+$/.test(d) && !dims.includes(d)) dims.push(d);
    });
  });
  return dims;
}

/** Shows the panel for a new answer: inputs for its variables, the values typed before kept. */
function evaluationSetUp(request, variables) {
  evaluation.request = request;
  evaluation.variables = variables;
  evaluation.token++;
  $('evaluate').hidden = false;
  $('eval-result').replaceChildren();
  const dims = symbolicDimensions(variables);
  $('eval-sizes').replaceChildren(...dims.map((d) => {
    const input = el('input', { type: 'text', inputmode: 'numeric', class: 'size', 'data-dim': d,
      'aria-label': 'size of ' + d, placeholder: '2–4', value: evaluation.sizes[d] || '' });
    input.addEventListener('input', () => { evaluation.sizes[d] = input.value.trim(); });
    return el('label', { class: 'size-field' }, el('span', { class: 'dim-name', text: d + ' =' }), input);
  }));
  $('eval-values').replaceChildren(...Object.entries(variables).map(([name, info]) => {
    const box = el('textarea', { class: 'value', rows: '1', spellcheck: 'false', 'data-var': name,
      'aria-label': 'value of ' + name, placeholder: placeholderFor(info.shape) });
    box.value = evaluation.values[name] || '';
    fitRows(box);
    box.addEventListener('input', () => { evaluation.values[name] = box.value; fitRows(box); });
    return el('label', { class: 'value-field' },
        el('span', { class: 'var-name', text: name }), el('span', { class: 'var-shape', text: info.shape }), box);
  }));
}

function evaluationHide() {
  evaluation.token++;
  $('evaluate').hidden = true;
}

function placeholderFor(shape) {
  if (shape.startsWith('scalar')) return '1.5';
  if (shape.startsWith('vector')) return '[1, 2, 3]';
  return '[[1, 2], [3, 4]]';
}

function fitRows(box) {
  box.rows = Math.min(8, Math.max(1, box.value.split('\n').length));
}

/** Draws values of the sizes given (the others drawn), fills the inputs, and evaluates there. */
async function evaluationRandom() {
  const mine = ++evaluation.token;
  const sizes = {};
  for (const [d, text] of Object.entries(evaluation.sizes)) {
    if (!text || !symbolicDimensions(evaluation.variables).includes(d)) continue;
    if (!/^\d+$/.test(text)) return evaluationMessage('The size of ' + d + ' must be a whole number, got "' + text + '".');
    sizes[d] = parseInt(text, 10);
  }
  const r = evaluation.request;
  const drawn = await post('/api/point', { expr: r.expr, let: r.let, sizes, seed: ++evaluation.seed });
  if (mine !== evaluation.token) return;
  if (drawn.error) return evaluationMessage(drawn.error.message);
  Object.entries(drawn.dimensions || {}).forEach(([d, size]) => {
    evaluation.sizes[d] = String(size);
    const input = document.querySelector('#eval-sizes input[data-dim="' + CSS.escape(d) + '"]');
    if (input) input.value = String(size);
  });
  Object.entries(drawn.values || {}).forEach(([name, value]) => {
    evaluation.values[name] = valueText(value);
    const box = document.querySelector('#eval-values textarea[data-var="' + CSS.escape(name) + '"]');
    if (box) {
      box.value = evaluation.values[name];
      fitRows(box);
    }
  });
  await evaluationRun();
}

/** A drawn value as typed: 4 significant digits, a matrix one row per line. */
function valueText(value) {
  const round = (x) => (typeof x === 'number' ? Number(x.toPrecision(4)) : x);
  if (!Array.isArray(value)) return String(round(value));
  if (!Array.isArray(value[0])) return '[' + value.map(round).join(', ') + ']';
  return '[' + value.map((row) => '[' + row.map(round).join(', ') + ']').join(',\n ') + ']';
}

async function evaluationRun() {
  const mine = ++evaluation.token;
  const at = {};
  for (const name of Object.keys(evaluation.variables)) {
    const text = (evaluation.values[name] || '').trim();
    if (!text) return evaluationMessage('Give a value for ' + name + ', or draw random values.');
    try {
      at[name] = JSON.parse(text);
    } catch (e) {
      return evaluationMessage(name + ': "' + text.slice(0, 40) + '" is not a number, an array or an array of rows.');
    }
  }
  evaluationMessage('Evaluating…', 'pending');
  const r = evaluation.request;
  const answer = await post('/api/derive', { ...r, formats: ['latex'], at });
  if (mine !== evaluation.token) return;
  if (answer.error) return evaluationMessage(answer.error.message);
  const out = $('eval-result');
  out.replaceChildren(numbersBlock('f', answer.functionValue.value, answer.functionValue.shape, 'eval-f'));
  answer.derivatives.forEach((part) => out.append(numbersBlock(partLhs(part), part.value, part.shape, 'eval-derivative')));
  const check = el('div', { class: 'check pending eval-check', text: 'Checking against dual numbers at this point…' });
  out.append(check);
  const report = await post('/api/check', { expr: r.expr, wrt: r.wrt, let: r.let, order: r.order, layout: r.layout, at });
  if (mine !== evaluation.token) return;
  if (report.error) {
    check.textContent = 'Numeric check not available: ' + report.error.message;
    return;
  }
  if (report.verdict === 'unchecked') {
    check.textContent = 'Could not check numerically: ' + report.lines.map((l) => l.split('\n').slice(1).join(' ').trim()).join(' ');
    return;
  }
  check.className = 'check eval-check ' + (report.passed ? 'ok' : 'failed');
  check.textContent = (report.passed ? '✓ Matches' : '✗ Does not match') + ' dual numbers at this point: relative error '
      + report.worstError.toExponential(2) + ' (tolerance ' + report.tolerance.toExponential(0) + ').';
}

function evaluationMessage(text, kind) {
  $('eval-result').replaceChildren(el('p', { class: kind === 'pending' ? 'muted' : 'eval-error', text }));
}

/** One value: its name as a formula, its shape, and its entries. */
function numbersBlock(lhsLatex, value, shape, cls) {
  const head = el('div', { class: 'numbers-head' }, tex(lhsLatex, el('span'), false),
      el('span', { class: 'muted', text: ' at the point, shape [' + (shape || []).join(', ') + ']:' }));
  return el('div', { class: 'numbers-block ' + cls }, head, el('pre', { class: 'numbers', text: formatNumbers(value, shape || []) }));
}

function formatNumber(x) {
  return typeof x === 'number' ? String(Number(x.toPrecision(6))) : String(x);   // "NaN" comes as a string
}

/** Scalars as they are, vectors on one line, matrices as aligned rows, higher ranks as [i, j, :, :] slices. */
function formatNumbers(value, shape) {
  if (shape.length === 0) return formatNumber(value);
  if (shape.length === 1) return '[' + value.map(formatNumber).join(', ') + ']';
  if (shape.length === 2) {
    const cells = value.map((row) => row.map(formatNumber));
    const width = Math.max(...cells.flat().map((c) => c.length));
    return cells.map((row) => row.map((c) => c.padStart(width)).join('  ')).join('\n');
  }
  const blocks = [];
  const walk = (v, index) => {
    if (index.length === shape.length - 2) {
      blocks.push('[' + index.concat([':', ':']).join(', ') + ']\n' + formatNumbers(v, shape.slice(-2)));
      return;
    }
    v.forEach((sub, i) => walk(sub, index.concat([i])));
  };
  walk(value, []);
  return blocks.join('\n\n');
}
