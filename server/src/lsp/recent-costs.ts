/**
 * How long the last few analyses of each module took. The typical one (the median) decides
 * whether typing waits for a pause: one slow analysis among cheap ones (a garbage collection,
 * the machine busy elsewhere) must not make the next keystroke wait for a pause, and one
 * cheap analysis of a costly module must not make every keystroke analyse.
 */
export class RecentCosts {
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly kept = 5) {}

  record(key: string, ms: number): void {
    const recent = this.byKey.get(key) ?? [];
    recent.push(ms);
    if (recent.length > this.kept) recent.shift();
    this.byKey.set(key, recent);
  }

  /** The median of the recent costs; undefined before the first. */
  typical(key: string): number | undefined {
    const recent = this.byKey.get(key);
    if (!recent?.length) return undefined;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
}
