/** What the freshness view needs of an offer or agency's working copy. */
export interface Sourced {
  id: string;
  verifiedAt?: string | null;
  source?: { url: string } | undefined;
  exampleData?: boolean;
}

/** The day twelve months before `today` (`YYYY-MM-DD`); checks before it are stale. */
export function staleBefore(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return `${year - 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Entries no person has confirmed in the last twelve months (never, or before the cut-off),
 * and entries without a source (example data is labelled as such and has none by design).
 */
export function freshness<T extends Sourced>(entries: readonly T[], today: string) {
  const cutOff = staleBefore(today);
  return {
    unchecked: entries.filter((entry) => !entry.verifiedAt || entry.verifiedAt < cutOff),
    withoutSource: entries.filter((entry) => !entry.source && !entry.exampleData),
  };
}
