/**
 * SQL literals for LanceDB predicates. `where()` has no parameter binding (lancedb #2652), so
 * predicates are built only from values the index itself produced (ids, paths from the scan), never
 * from a caller's text, and every string is quoted with `'` doubled (SECURITY.md T9).
 */

/** `O'Brien.md` → `'O''Brien.md'` */
export function sqlString(value: string): string {
  // NUL cannot appear in a path or hash; refusing it keeps a malformed value from reaching the parser.
  if (value.includes('\0')) throw new Error('A NUL character cannot be used in a LanceDB predicate');
  return `'${value.replaceAll("'", "''")}'`;
}

/** `column IN ('a', 'b')`; `false` for an empty list (an empty `IN ()` is a syntax error). */
export function sqlIn(column: string, values: Iterable<string>): string {
  const list = [...new Set(values)].map(sqlString);
  return list.length === 0 ? 'false' : `${column} IN (${list.join(', ')})`;
}
