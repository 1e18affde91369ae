// The page's number formatter (www/lib/format.js): every number in at most about ten characters, whatever its
// magnitude and the digits asked for, and still the number it stands for. No browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt } from "../../www/lib/format.js";

test("fmt writes any number in at most 11 characters, close to its value", () => {
  let checked = 0;
  for (let v = Number.MIN_VALUE; Number.isFinite(v); v *= 3.7) {
    const values = [v, -v, v * 1.23456789, -v * 9.87654321, 9999.99999, -9999.999999, 0].filter(Number.isFinite);
    for (const x of values) {
      for (let digits = 0; digits <= 6; digits++) {
        const s = fmt(x, digits);
        assert.ok(s.length <= 11, `fmt(${x}, ${digits}) gave ${s}`);
        // Within half a unit of the last place written (relative 0.5% in scientific form).
        const back = Number(s);
        const decimals = s.includes("e") ? null : (s.split(".")[1] ?? "").length;
        const bound = decimals === null ? 5e-3 * Math.abs(x) : 0.5 * 10 ** -decimals * (1 + 1e-9);
        assert.ok(Math.abs(back - x) <= bound, `fmt(${x}, ${digits}) gave ${s}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 10000, `${checked} cases`);
  assert.equal(fmt(-1234.567891, 6), "-1234.5679");
  assert.equal(fmt(0.099912, 6), "0.099912");
  assert.equal(fmt(1e300, 4), "1.00e+300");
  assert.equal(fmt(NaN), "–");
});
