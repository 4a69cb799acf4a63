// matcalc page, shared helpers. Every piece of user data reaches the DOM through textContent,
// attributes or KaTeX (trust: false); innerHTML is never used.
'use strict';

const $ = (id) => document.getElementById(id);

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

/** A formula in a box of its own that scrolls sideways when the formula is wider than the page. */
function mathBox(latex, cls, display = true) {
  return tex(latex, el('div', { class: 'math' + (cls ? ' ' + cls : '') }), display);
}

/** The API's names for named subterms (t0, t12) as LaTeX subscripts. */
function symbol(name) {
  return name.replace(/^t(\d+)$/, 't_{$1}');
}

/** POSTs JSON; a network failure reads as an API error, so callers handle one shape. */
async function post(path, body) {
  try {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return await response.json();
  } catch (e) {
    return { error: { message: 'the server did not answer (' + e.message + ')', line: 0, column: 0 } };
  }
}
