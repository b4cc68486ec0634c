/**
 * Syntax highlighting with highlight.js core and an explicit list of languages (the full build is
 * ~300 KB gzip). Only a fence that names a registered language is highlighted: `highlightAuto` costs
 * seconds on long conversations (PERFORMANCE.md §3.6) and guesses wrong.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// The common languages of chat answers; aliases come with them (ts, js, py, sh, html, yml, c++, md...).
const languages = {
  bash, c, cpp, css, diff, go, java, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** Whether `name` (or an alias such as `ts`, `py`, `sh`, `html`) is a registered language. */
export function isKnownLanguage(name: string): boolean {
  return name !== '' && hljs.getLanguage(name) !== undefined;
}

/**
 * Highlighted HTML (hljs escapes the code) for a fence's language, or '' when the language is not
 * registered, which tells markdown-it to escape and show the code plainly.
 */
export function highlightCode(code: string, language: string): string {
  const name = language.trim().toLowerCase();
  if (!isKnownLanguage(name)) return '';
  try {
    return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}
