/**
 * Secret material never leaves the scanner: messages show at most a key id's public
 * prefix (AKIA/ASIA/ABIA/ACCA tells the reader what kind of key it is) and never any secret.
 */
export function maskKeyId(value: string): string {
  const prefix = /^(AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|APKA|ASCA)/.exec(value)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(4, Math.min(16, value.length - prefix.length)))}`;
}
