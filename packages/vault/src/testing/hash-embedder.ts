import { terms } from '../query/terms.ts';
import type { Embedder } from '../types.ts';

/** FNV-1a, 32 bits: fast, deterministic, good enough spread for feature hashing. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One text's vector: stems and stem bigrams hashed into `dimensions` signed buckets, L2-normalised. */
export function hashVector(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  const stems = terms(text);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    // The top bit chooses the sign, so unrelated features cancel out instead of piling up.
    vector[hash % dimensions]! += hash & 0x80000000 ? -weight : weight;
  };
  stems.forEach((stem, index) => {
    add(stem, 1);
    const next = stems[index + 1];
    if (next) add(`${stem} ${next}`, 0.5);
  });
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < dimensions; index++) vector[index]! /= norm;
  return vector;
}

/**
 * A deterministic in-process embedder for tests and benchmarks: feature hashing of word stems and
 * bigrams, so texts sharing topic words are near each other. No model, no network.
 */
export function hashEmbedder(dimensions = 256): Embedder {
  return async (texts, { signal } = {}) => {
    signal?.throwIfAborted();
    return texts.map((text) => hashVector(text, dimensions));
  };
}

/** An embedder whose calls are counted and which can be made to fail, like Ollama going away. */
export interface RecordingEmbedder {
  embed: Embedder;
  /** Calls made (failed ones too). */
  readonly calls: number;
  /** Every text embedded successfully, in order. */
  readonly texts: readonly string[];
  /** While true, every call throws as a stopped Ollama would. */
  failing: boolean;
}

export function recordingEmbedder(inner: Embedder = hashEmbedder()): RecordingEmbedder {
  let calls = 0;
  const texts: string[] = [];
  const recorder: RecordingEmbedder = {
    failing: false,
    get calls() {
      return calls;
    },
    get texts() {
      return texts;
    },
    embed: async (batch, options) => {
      calls++;
      if (recorder.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:11434 (the test embedder is failing)');
      const vectors = await inner(batch, options);
      texts.push(...batch);
      return vectors;
    },
  };
  return recorder;
}
