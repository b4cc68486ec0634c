import type { Action } from 'svelte/action';

/** Calls `onDismiss` on a pointer press outside the element or on Escape (menus, popovers). */
export const dismiss: Action<HTMLElement, () => void> = (node, onDismiss) => {
  let callback = onDismiss;
  const onPointerDown = (event: PointerEvent) => {
    const row = node.parentElement ?? node;
    if (!row.contains(event.target as Node)) callback();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    callback();
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('keydown', onKeyDown);
  return {
    update: (next) => {
      callback = next;
    },
    destroy: () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    },
  };
};
