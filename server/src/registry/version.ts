/**
 * Terraform version constraints, as far as choosing a module's defaults needs them:
 * Terraform installs the newest version a constraint allows, so what matters is the
 * constraint's upper end.
 */
type Version = readonly [number, number, number];

export function parseVersion(s: string): Version | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(s);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The upper end of a constraint: `{ version, inclusive }`, or undefined when it has none
 * (no `version` argument, or only lower bounds: the newest release is used).
 */
export function upperBound(constraint: string | undefined): { version: Version; inclusive: boolean } | undefined {
  if (!constraint) return undefined;
  let best: { version: Version; inclusive: boolean } | undefined;
  const tighten = (version: Version, inclusive: boolean): void => {
    if (!best || compareVersions(version, best.version) < 0 || (compareVersions(version, best.version) === 0 && !inclusive)) best = { version, inclusive };
  };
  for (const part of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(v?\d[\w.-]*)\s*$/.exec(part);
    if (!m) continue;
    const op = m[1] ?? '=';
    const v = parseVersion(m[2]);
    if (!v) continue;
    const segments = m[2].replace(/^v/, '').split('-')[0].split('.').length;
    if (op === '=') tighten(v, true);
    else if (op === '<=') tighten(v, true);
    else if (op === '<') tighten(v, false);
    else if (op === '~>') tighten(segments >= 3 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0], false);
  }
  return best;
}

/** True when the newest version the constraint allows is at least `threshold`. */
export function allowsAtLeast(constraint: string | undefined, threshold: Version): boolean {
  const u = upperBound(constraint);
  if (!u) return true;
  const c = compareVersions(u.version, threshold);
  return u.inclusive ? c >= 0 : c > 0;
}
