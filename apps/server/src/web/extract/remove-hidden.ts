import type { DomDocument } from './dom-types.ts';
import { hiddenByStylesheet, isHidingDeclaration } from './hidden-by-stylesheet.ts';

// Never rendered as text, or hidden by markup. Scripts and styles go too: nothing in them is prose.
const HIDDEN_MARKUP = [
  '[hidden]',
  '[aria-hidden="true"]',
  'template',
  'noscript',
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'input',
  'textarea',
  'select',
].join(',');

/**
 * Removes what a person does not see before Readability scores the page, so hidden text (a common
 * prompt-injection carrier) never reaches the model: hidden markup, inline `display:none`,
 * `visibility:hidden`, zero font size or opacity, and elements hidden by the page's own stylesheet.
 */
export function removeHidden(document: DomDocument): void {
  // Read the stylesheet before its <style> elements are removed.
  const byStylesheet = hiddenByStylesheet(document);
  for (const element of byStylesheet) element.remove();
  for (const element of Array.from(document.querySelectorAll(HIDDEN_MARKUP))) element.remove();
  for (const element of Array.from(document.querySelectorAll('[style]'))) {
    const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
    if (isHidingDeclaration(style)) element.remove();
  }
}
