/**
 * The problems with one answer's security headers, as the three apps promise them: a CSP
 * without `unsafe-inline` scripts and with `frame-ancestors 'none'`, nosniff, a
 * Referrer-Policy, and HSTS exactly when served over TLS. Empty when all is well.
 *
 * @param {string} label names the answer in the problems
 * @param {Response} response
 * @param {boolean} tls whether HSTS belongs
 * @returns {string[]}
 */
export function securityHeaderProblems(label, response, tls) {
  const problems = [];
  const csp = response.headers.get('content-security-policy') ?? '';
  const directive = (/** @type {string} */ name) =>
    csp
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));
  const scripts = directive('script-src') ?? directive('default-src');
  if (!scripts) problems.push(`${label}: no script-src or default-src`);
  if (scripts?.includes("'unsafe-inline'")) problems.push(`${label}: unsafe-inline scripts`);
  if (directive('frame-ancestors') !== "frame-ancestors 'none'")
    problems.push(`${label}: frame-ancestors is ${directive('frame-ancestors')}`);
  if (response.headers.get('x-content-type-options') !== 'nosniff')
    problems.push(`${label}: no nosniff`);
  if (!response.headers.get('referrer-policy')) problems.push(`${label}: no Referrer-Policy`);
  if (Boolean(response.headers.get('strict-transport-security')) !== tls)
    problems.push(`${label}: HSTS ${tls ? 'missing' : 'without TLS'}`);
  return problems;
}
