/** The RRF constant: 60, as in Cormack et al. (2009) and LanceDB's own `RRFReranker`. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion of ranked id lists: each list adds 1 / (k + rank) for an id it holds.
 * Scaled so that first place in every list is 1, whatever the number of lists.
 */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  const lists = rankings.filter((ranking) => ranking.length > 0);
  if (lists.length === 0) return fused;
  const scale = (k + 1) / lists.length;
  for (const ranking of lists) {
    ranking.forEach((id, index) => {
      fused.set(id, (fused.get(id) ?? 0) + scale / (k + index + 1));
    });
  }
  return fused;
}
