// "Did you mean" hints for unknown keys, types, environments and dataset references.

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[t.length];
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Short words are a letter away from everything: only suggest what a typo could plausibly produce.
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  if (bestDistance <= tolerance && bestDistance < word.length) return best;
  // An abbreviation (`format` for `format_type`, `conn` for `connection`) is far in edit distance.
  const lower = word.toLowerCase();
  return word.length >= 3 ? [...candidates].find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/** `; did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates);
  return hint === undefined ? "" : `; did you mean "${hint}"?`;
}
