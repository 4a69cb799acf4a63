// The answer of /api/derive: f, and for each derivative its formula, `where` definitions, vec and
// index forms (tensors), the steps and the forms in tabs.
'use strict';

/** The left side of a derivative: ∂f/∂x, ∂²f/∂x∂y, or dF for a tensor shown as its differential. */
function partLhs(part) {
  if (!part.matrixShape) return part.order > 1 ? '\\mathrm{d}\\left(\\partial^{' + (part.order - 1) + '} f\\right)' : '\\mathrm{d}F';
  if (part.order > 1) return '\\frac{\\partial^{' + part.order + '} f}{' + part.wrt.map((w) => '\\partial ' + w).join('\\,') + '}';
  return '\\frac{\\partial f}{\\partial ' + part.wrt.join(',') + '}';
}

/**
 * Renders the whole answer. `code(index, target)` gives a promise of the generated code of
 * derivative `index`; the page's chosen tab comes from `forms.chosen`, changes go to `forms.choose`.
 */
function renderAnswer(answer, code, forms) {
  tex('f = ' + answer.latex, $('function'));
  const parts = answer.derivatives.map((part, i) => renderPart(part, (target) => code(i, target), forms));
  if (answer.stacked) parts.push(renderPart(answer.stacked, null, forms));
  $('derivatives').replaceChildren(...parts);
}

function renderPart(part, code, forms) {
  const node = el('div', { class: 'part' }, el('h2', { text: part.description }));
  const tensor = !part.matrixShape;
  node.append(mathBox(partLhs(part) + ' = ' + (part.latex || ''), 'derivative'));
  if (tensor && part.tensor) {
    node.append(el('div', { class: 'tensor-form' },
        el('span', { class: 'muted', text: 'vec form (' + part.tensor.convention + '):' }),
        mathBox('\\frac{\\partial\\,\\mathrm{vec}\\,F}{\\partial\\,\\mathrm{vec}(X)^\\top} = ' + part.tensor.latex, '', false)));
  }
  if (tensor && part.index) {
    node.append(el('div', { class: 'index-form' },
        el('span', { class: 'muted', text: 'index form (repeated indices summed):' }),
        mathBox(part.index.latex, '', false)));
  }
  if (part.definitions && part.definitions.length) {
    node.append(mathBox('\\text{where }' + part.definitions.map((d) => symbol(d.name) + ' = ' + (d.latex || d.text))
        .join(',\\quad '), 'where', false));
  }
  if (code) node.append(renderSteps(part.steps, part.order));
  node.append(renderForms(part, code, forms.chosen, forms.choose));
  return node;
}
