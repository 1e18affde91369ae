// Numbers as a student should read them.

/** The longest text `fmt` gives for a number in its plain range (a sign, digits and a point). */
export const MAX_PLAIN_CHARS = 10;

/**
 * A number for a table cell, a readout or a message, in at most about ten characters; never "NaN" on
 * screen. `digits` decimals, fewer where the integer part is long (-1234.567891 at 6 digits reads
 * -1234.5679), and scientific with 3 significant digits outside [10^-digits, 10^4) (-1.23e+100).
 */
export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return "–";
  const size = Math.abs(value);
  // Very large or very small values keep their digits instead of reading as 0.000 or overflowing a cell.
  if (size >= 1e4 || (size > 0 && size < 10 ** -digits)) return value.toExponential(2);
  const integerDigits = size < 1 ? 1 : Math.floor(Math.log10(size)) + 1;
  const room = MAX_PLAIN_CHARS - (value < 0 ? 1 : 0) - integerDigits - 1;
  return value.toFixed(Math.max(0, Math.min(digits, room)));
}
