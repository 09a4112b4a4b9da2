/**
 * Stands in for a phone's dialler in the browser tests: a tap on a tel: link (or one the page
 * clicks for the user) is recorded in `window.dialled` instead of leaving the page. Add it to a
 * context with `context.addInitScript(TEL_DIALLER)`.
 */
export const TEL_DIALLER = `window.dialled = [];
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[href^="tel:"]') : null;
  if (a) { e.preventDefault(); window.dialled.push(a.getAttribute('href')); }
}, true);`;
