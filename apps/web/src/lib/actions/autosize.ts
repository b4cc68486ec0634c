import type { Action } from 'svelte/action';

/** Lets a textarea grow with its text up to its CSS `max-height`; `value` re-measures. */
export const autosize: Action<HTMLTextAreaElement, string> = (node) => {
  const resize = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight}px`;
  };
  // An empty box has its CSS height already; measuring it would force a layout while the page is
  // still being built.
  if (node.value) resize();
  node.addEventListener('input', resize);
  return {
    update: resize,
    destroy: () => node.removeEventListener('input', resize),
  };
};
