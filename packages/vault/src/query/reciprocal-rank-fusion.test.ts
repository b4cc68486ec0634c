import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.ts';

describe('reciprocalRankFusion', () => {
  it('ranks an id found high in both lists above ids found in one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'd', 'a'],
    ]);
    const order = [...fused.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    expect(order.slice(0, 2)).toEqual(['b', 'a']);
    expect(order.slice(2).sort()).toEqual(['c', 'd']);
  });

  it('gives first place in every list a score of 1', () => {
    expect(reciprocalRankFusion([['a'], ['a']]).get('a')).toBeCloseTo(1);
    expect(reciprocalRankFusion([['a'], []]).get('a')).toBeCloseTo(1);
  });

  it('is empty without rankings', () => {
    expect(reciprocalRankFusion([[], []]).size).toBe(0);
  });
});
