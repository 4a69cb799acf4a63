// The step-by-step derivation, as `matcalc diff --steps` prints it: intermediate variables,
// local derivatives, the chain rule, substitution, simplification and the result, each line with
// its left side (u1, ∂u1/∂w, ∂f/∂w), its shape and the rule it applies.
'use strict';

const STEP_SECTIONS = {
  intermediate: '1. Intermediate variables (innermost first)',
  local: '2. Local derivatives',
  chain: '3. Chain rule',
  substitute: '4. Substitute',
  simplify: '5. Simplify',
  result: 'Result',
};

/** The note after a line, worded as the CLI words it. */
function stepNote(s) {
  switch (s.kind) {
    case 'intermediate': return '[' + s.shape + ', ' + s.rule + ']' + (s.law ? '  so ' + s.law : '');
    case 'local': return '[' + s.shape + '] ' + s.rule + (s.law ? '; ' + s.law : '');
    case 'chain': return s.shape ? 'shapes: ' + s.shape : '';
    case 'result': return '[' + s.rule + (s.law ? '; ' + s.law : '') + ']';
    default: return '[' + s.rule + (s.law ? ': ' + s.law : '') + ']';
  }
}

function stepRow(s) {
  const row = el('div', { class: 'step', 'data-kind': s.kind });
  if (s.kind === 'chain') row.append(el('div', { class: 'step-law', text: s.rule + (s.law ? '; ' + s.law : '') }));
  if (s.latex || s.expression) {
    const lhs = s.lhsLatex ? s.lhsLatex + ' = ' : '= ';
    row.append(s.latex ? mathBox(lhs + s.latex, 'step-math', false)
        : el('div', { class: 'math step-math', text: (s.lhs ? s.lhs + ' = ' : '= ') + s.expression }));
  }
  const note = stepNote(s);
  if (note) row.append(el('div', { class: 'step-note', text: note }));
  return row;
}

/** The steps of one derivative, grouped by section; a note where the engine reports none. */
function renderSteps(steps, order) {
  const details = el('details', { class: 'steps-block' }, el('summary', { text: 'Step by step' }));
  if (!Array.isArray(steps) || !steps.length) {
    details.append(el('p', { class: 'muted', text: order > 1
      ? 'The derivation is shown step by step for first derivatives; this one is the derivative of one.'
      : 'No steps reported for this derivative.' }));
    return details;
  }
  let section = null;
  let list = null;
  steps.forEach((s) => {
    if (s.kind !== section) {
      section = s.kind;
      list = el('div', { class: 'step-list' });
      details.append(el('section', { class: 'step-section', 'data-kind': s.kind },
          el('h3', { text: STEP_SECTIONS[s.kind] || s.kind }), list));
    }
    list.append(stepRow(s));
  });
  return details;
}
