/**
 * Adds a language label and a Copy button to every code block rendered inside `node`. Done with DOM
 * APIs after rendering because the sanitizer forbids buttons in model HTML; watches for blocks added
 * later while an answer streams.
 */
import type { Action } from 'svelte/action';

const LANGUAGE_CLASS = /(?:^|\s)language-([\w+#.-]+)/;

function enhance(pre: HTMLPreElement) {
  if (pre.dataset.enhanced) return;
  const code = pre.querySelector('code');
  if (!code) return;
  pre.dataset.enhanced = 'true';
  const toolbar = document.createElement('div');
  toolbar.className = 'code-toolbar';
  const label = document.createElement('span');
  label.className = 'code-language';
  label.textContent = LANGUAGE_CLASS.exec(code.className)?.[1] ?? 'text';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.dataset.testid = 'copy-code';
  button.setAttribute('aria-label', 'Copy code');
  button.textContent = 'Copy';
  button.addEventListener('click', () => void copy(code.textContent ?? '', button));
  toolbar.append(label, button);
  pre.prepend(toolbar);
}

async function copy(text: string, button: HTMLButtonElement) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 1500);
}

export const enhanceCode: Action<HTMLElement> = (node) => {
  const scan = () => node.querySelectorAll('pre').forEach(enhance);
  scan();
  const observer = new MutationObserver(scan);
  observer.observe(node, { childList: true, subtree: true });
  return { destroy: () => observer.disconnect() };
};
