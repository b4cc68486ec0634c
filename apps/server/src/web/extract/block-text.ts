import { ELEMENT_NODE, TEXT_NODE, type DomNode } from './dom-types.ts';

const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE CAPTION DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM HEADER HR MAIN NAV OL P SECTION SUMMARY TABLE TBODY THEAD TFOOT UL'.split(' '),
);
const HEADING = /^H([1-6])$/;
const CELLS = new Set(['TD', 'TH']);
// List items and table rows are lines of one paragraph, not paragraphs of their own.
const LINES = new Set(['LI', 'TR']);
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;
// Deeper than this, a subtree is read as flat text: recursion must not overflow on hostile nesting.
const MAX_DEPTH = 400;

type Piece = string | { kind: 'break' } | { kind: 'line' } | { kind: 'pre'; text: string };
const BREAK: Piece = { kind: 'break' };
const LINE: Piece = { kind: 'line' };

/**
 * The text a person reads in a node: blocks become paragraphs separated by blank lines, `<br>` a
 * line break, list items start with `- `, headings with `#`s, `<pre>` keeps its spacing; other
 * whitespace collapses as a browser would collapse it.
 */
export function blockText(node: DomNode): string {
  const pieces: Piece[] = [];
  walk(node, pieces, 0);
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let line = '';
  const endLine = () => {
    lines.push(line.replace(/\s+/g, ' ').trim());
    line = '';
  };
  const endParagraph = () => {
    endLine();
    const text = lines.filter((text) => text !== '').join('\n');
    if (text !== '') paragraphs.push(text);
    lines = [];
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') line += piece;
    else if (piece.kind === 'line') endLine();
    else if (piece.kind === 'break') endParagraph();
    else {
      endParagraph();
      const pre = piece.text.replace(/^\n+|\s+$/g, '');
      if (pre !== '') paragraphs.push(pre);
    }
  }
  endParagraph();
  return paragraphs.join('\n\n');
}

function walk(node: DomNode, pieces: Piece[], depth: number): void {
  if (node.nodeType === TEXT_NODE) {
    pieces.push(node.textContent ?? '');
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_NODE && node.nodeType !== FRAGMENT_NODE) return;
  const name = node.nodeName.toUpperCase();
  if (name === 'BR') return void pieces.push(LINE);
  if (name === 'PRE') return void pieces.push({ kind: 'pre', text: node.textContent ?? '' });
  if (depth > MAX_DEPTH) return void pieces.push(` ${node.textContent ?? ''} `);

  const heading = HEADING.exec(name);
  const isBlock = heading !== null || BLOCKS.has(name);
  const isLine = LINES.has(name);
  if (isBlock) pieces.push(BREAK);
  if (isLine) pieces.push(LINE);
  if (heading) pieces.push(`${'#'.repeat(Number(heading[1]))} `);
  if (name === 'LI') pieces.push('- ');
  if (CELLS.has(name)) pieces.push(' ');
  for (const child of Array.from(node.childNodes)) walk(child, pieces, depth + 1);
  if (CELLS.has(name)) pieces.push(' ');
  if (isLine) pieces.push(LINE);
  if (isBlock) pieces.push(BREAK);
}
