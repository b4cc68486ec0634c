/**
 * The Porter (1980) stemmer, for matching a question's words with titles, aliases and headings in
 * memory ("watering" and "waters" meet "Water"), the way the full-text index stems them. A plain
 * implementation of the published algorithm; words under three letters are left as they are.
 */

const isVowelAt = (word: string, index: number): boolean => {
  const char = word[index];
  if (char === 'a' || char === 'e' || char === 'i' || char === 'o' || char === 'u') return true;
  return char === 'y' && index > 0 && !isVowelAt(word, index - 1);
};

/** m, the number of vowel-consonant sequences in `stem`. */
function measure(stem: string): number {
  let count = 0;
  let index = 0;
  while (index < stem.length && !isVowelAt(stem, index)) index++;
  while (index < stem.length) {
    while (index < stem.length && isVowelAt(stem, index)) index++;
    if (index >= stem.length) break;
    count++;
    while (index < stem.length && !isVowelAt(stem, index)) index++;
  }
  return count;
}

const hasVowel = (stem: string) => [...stem].some((_, index) => isVowelAt(stem, index));

const endsDoubleConsonant = (word: string) =>
  word.length >= 2 && word.at(-1) === word.at(-2) && !isVowelAt(word, word.length - 1);

/** consonant-vowel-consonant, the last not w, x or y. */
const endsCvc = (word: string) => {
  const n = word.length;
  if (n < 3) return false;
  const last = word[n - 1] as string;
  return !isVowelAt(word, n - 1) && isVowelAt(word, n - 2) && !isVowelAt(word, n - 3) && !'wxy'.includes(last);
};

/** Replaces `suffix` with `replacement` when the stem before it has a measure above `minMeasure`. */
function replaceSuffix(word: string, rules: readonly (readonly [string, string])[], minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      return measure(stem) > minMeasure ? stem + replacement : word;
    }
  }
  return word;
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

function step1(input: string): string {
  let word = input;
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ies')) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);

  let stripped = false;
  if (word.endsWith('eed')) {
    if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
  } else if (word.endsWith('ed') && hasVowel(word.slice(0, -2))) {
    word = word.slice(0, -2);
    stripped = true;
  } else if (word.endsWith('ing') && hasVowel(word.slice(0, -3))) {
    word = word.slice(0, -3);
    stripped = true;
  }
  if (stripped) {
    if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
    else if (endsDoubleConsonant(word) && !/[lsz]$/.test(word)) word = word.slice(0, -1);
    else if (measure(word) === 1 && endsCvc(word)) word += 'e';
  }
  if (word.endsWith('y') && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  return word;
}

function step4(word: string): string {
  for (const suffix of STEP4) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (measure(stem) <= 1) return word;
    if (suffix === 'ion' && !/[st]$/.test(stem)) return word;
    return stem;
  }
  return word;
}

function step5(input: string): string {
  let word = input;
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) word = stem;
  }
  if (measure(word) > 1 && endsDoubleConsonant(word) && word.endsWith('l')) word = word.slice(0, -1);
  return word;
}

// A vault's vocabulary is small next to its word count: stems are remembered (bounded).
const CACHE_MAX = 50_000;
const cache = new Map<string, string>();

/** The stem of one lower-case word. */
export function porterStem(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  let stem = step1(word);
  stem = replaceSuffix(stem, STEP2, 0);
  stem = replaceSuffix(stem, STEP3, 0);
  stem = step5(step4(stem));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, stem);
  return stem;
}
