import type { DomDocument, DomElement } from './dom-types.ts';

const MAX_RULES = 500;
const MAX_SELECTOR_LENGTH = 200;

/**
 * Elements that a page's own `<style>` rules hide (`.x { display: none }`), a common way to plant
 * text for a model that a person never sees. Only top-level rules are read (no `@media`, no
 * pseudo-classes), and an element that any rule shows again (`.tab.active { display: block }`) is
 * kept: without a cascade, keeping is the safe side of doubt.
 */
export function hiddenByStylesheet(document: DomDocument): DomElement[] {
  const hiding: string[] = [];
  const showing: string[] = [];
  for (const style of Array.from(document.querySelectorAll('style'))) {
    for (const { selectors, body } of topLevelRules(style.textContent ?? '')) {
      const declarations = body.toLowerCase().replace(/\s+/g, '');
      const target = isHidingDeclaration(declarations) ? hiding : /display:|visibility:visible/.test(declarations) ? showing : null;
      target?.push(...selectors);
      if (hiding.length + showing.length > MAX_RULES) break;
    }
  }
  const found = new Set<DomElement>();
  for (const selector of hiding) {
    for (const element of safeQuery(document, selector)) {
      if (!showing.some((shown) => safeMatches(element, shown))) found.add(element);
    }
  }
  return [...found];
}

/** `display:none`, `visibility:hidden`, a zero font size or zero opacity, in whitespace-free lower case. */
export function isHidingDeclaration(declarations: string): boolean {
  return /(?:^|;)(?:display:none|visibility:(?:hidden|collapse)|font-size:0(?:\.0*)?[a-z%]*|opacity:0(?:\.0*)?)(?:!important)?(?:;|$)/.test(
    declarations,
  );
}

function* topLevelRules(css: string): Generator<{ selectors: string[]; body: string }> {
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let depth = 0;
  let start = 0;
  let prelude = '';
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '{') {
      if (depth === 0) {
        prelude = source.slice(start, index).trim();
        start = index + 1;
      }
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const body = source.slice(start, index);
        start = index + 1;
        if (!prelude.startsWith('@') && !body.includes('{')) yield { selectors: simpleSelectors(prelude), body };
      }
    }
  }
}

const simpleSelectors = (prelude: string) =>
  prelude
    .split(',')
    .map((selector) => selector.trim())
    .filter((selector) => selector !== '' && selector.length <= MAX_SELECTOR_LENGTH && !selector.includes(':'));

function safeQuery(document: DomDocument, selector: string): DomElement[] {
  try {
    return Array.from(document.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function safeMatches(element: DomElement, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return true;
  }
}
