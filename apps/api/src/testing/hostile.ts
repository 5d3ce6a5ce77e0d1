import fc from 'fast-check';

/**
 * Hostile values for the fuzz and injection tests: unicode edge cases, injection strings,
 * wrongly typed JSON and oversized text, as fast-check arbitraries.
 */

/** Characters that break naive text handling: bidi overrides, NUL, lone surrogates, combining marks. */
export const unicodeEdges = [
  '\u200f', // right-to-left mark
  '\u202e', // right-to-left override
  '\u0000',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'e\u0301\u0301\u0301\u0301', // stacked combining accents
  '😀',
  '👩‍👩‍👧‍👦', // a zero-width-joiner sequence
  '\ufeff',
  '\u2028',
  'İı',
  'ﷺ',
  'ٱلْعَرَبِيَّة',
];

/** Strings aimed at SQL, LIKE, regular expressions, full-text queries, JSON and paths. */
export const injectionStrings = [
  "' OR 1=1 --",
  "'; DROP TABLE offers; --",
  '" OR ""="',
  '1; SELECT pg_sleep(1)',
  "' UNION SELECT email, password_hash FROM users --",
  '%',
  '_',
  '%%',
  '.*',
  '(a+)+$',
  '[',
  '\\',
  'a & b | !c',
  'sprach:*',
  '!!!',
  '<->',
  '{"$ne": null}',
  '{"__proto__": {"polluted": 1}}',
  '__proto__',
  'constructor.prototype',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{constructor.constructor("return 1")()}}',
];

const numberLike = ['-1', '0', '1.5', '1e309', 'NaN', 'Infinity', '9'.repeat(40), '0x10', ' 1 '];

/** A hostile string: random unicode (lone surrogates included), edge cases, injections, long text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  {
    arbitrary: fc
      .array(fc.constantFrom(...unicodeEdges), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('')),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...injectionStrings), weight: 3 },
  { arbitrary: fc.constantFrom(...numberLike, '', ' ', 'true', 'null'), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'ü', '😀', '\u202e'), fc.integer({ min: 300, max: 5_000 }))
      .map(([unit, times]) => unit.repeat(times)),
    weight: 1,
  },
);

/** Keys that must not reach an object's prototype, and keys no schema knows. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'x', ''),
  hostileString.filter((key) => key.length < 50),
);

/** Any JSON value, wrongly typed for whatever it is sent to, with hostile strings inside. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * Percent-encodes a string for a URL, also when it holds lone surrogates (which
 * encodeURIComponent refuses): those go out as their WTF-8 bytes, invalid UTF-8 on purpose.
 */
export function encodeLoose(value: string): string {
  let out = '';
  for (const char of value) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}
