import { createRequire } from 'node:module';

/**
 * apache-arrow as LanceDB itself loads it. The package ships both a CommonJS and an ES build, and
 * LanceDB `require`s the CommonJS one: a `Field` from `import 'apache-arrow'` is another class, so
 * `table.addColumns(field)` rejects it ("Invalid input type"). One instance avoids that and the
 * sanitising copy LanceDB makes of foreign Arrow tables.
 */
export const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

export type ArrowTable = import('apache-arrow').Table;
export type ArrowVector = import('apache-arrow').Vector;

/** A nullable Utf8 column. */
export function utf8Column(values: readonly string[]): ArrowVector {
  return arrow.vectorFromArray(values as string[], new arrow.Utf8());
}

export function int32Column(values: readonly number[]): ArrowVector {
  return arrow.makeVector(Int32Array.from(values));
}

export function float64Column(values: readonly number[]): ArrowVector {
  return arrow.makeVector(Float64Array.from(values));
}

/** The type of the vector column: `FixedSizeList<Float32>` of the embedder's width. */
export function vectorType(width: number) {
  return new arrow.FixedSizeList(width, new arrow.Field('item', new arrow.Float32(), true));
}

/**
 * A `FixedSizeList<Float32>` column built from one contiguous buffer (5x faster to write than JS
 * `number[]` rows, PERFORMANCE §3.2); a null entry is a row without a vector yet.
 */
export function vectorColumn(vectors: readonly (Float32Array | null)[], width: number): ArrowVector {
  const length = vectors.length;
  const values = new Float32Array(length * width);
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  vectors.forEach((vector, row) => {
    if (vector && vector.length === width) {
      values.set(vector, row * width);
      validity[row >> 3]! |= 1 << (row & 7);
    } else nullCount++;
  });
  const child = arrow.makeData({ type: new arrow.Float32(), length: length * width, data: values });
  const data = arrow.makeData({ type: vectorType(width), length, nullCount, nullBitmap: validity, child });
  return arrow.makeVector(data);
}

/** A table from named columns, in the order given (the order of the LanceDB schema). */
export function tableOf(columns: Record<string, ArrowVector>): ArrowTable {
  return new arrow.Table(columns);
}

/** A value read from LanceDB as a JS string ('' for null). */
export function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

export function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

/** A vector cell as its own Float32Array (a copy: Arrow hands out views into a shared batch). */
export function float32Of(value: unknown): Float32Array | null {
  if (value == null) return null;
  if (value instanceof Float32Array) return value.slice();
  const maybe = value as { toArray?: () => unknown };
  if (typeof maybe.toArray === 'function') {
    const array = maybe.toArray();
    if (array instanceof Float32Array) return array.slice();
    if (Array.isArray(array)) return Float32Array.from(array as number[]);
  }
  return null;
}
