// Numbers as a student should read them.

/** A number for a table cell or a readout; never "NaN" on screen. */
export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return "–";
  const size = Math.abs(value);
  // Very large or very small values keep their digits instead of reading as 0.000 or overflowing a cell.
  if (size >= 1e4 || (size > 0 && size < 10 ** -digits)) return value.toExponential(2);
  return value.toFixed(digits);
}
