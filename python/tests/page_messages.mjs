// The page's own refusals, for tests/test_messages.py: reads JSON `{ options: [{...}], compare: [[logits,
// means, logSigmas]], data: [[values]], builds: [{...}] }` on stdin and prints `{ options: [[message]],
// compare: [message], data: [message], builds: [message] }`: checkOptions() of each options object, the
// Error of Demo.compare() for each mixture, of new Demo({ data }) for each data set and of new Demo(options)
// for each of `builds` (refusals that need the whole run, such as a start whose K is not k), from the
// release module in pkg/.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, packageSpec } from "../../scripts/package-spec.mjs";

const asked = JSON.parse(readFileSync(0, "utf8"));
const { messages } = await packageSpec();
const glue = await import(pathToFileURL(join(ROOT, "pkg/gmm_two_ways.js")).href);
const demo = new glue.Demo({ n: 50 });
// JSON has no NaN or infinities: the strings "NaN", "inf" and "-inf" stand for them.
const number = (v) => ({ NaN: NaN, inf: Infinity, "-inf": -Infinity })[v] ?? v;
const compare = asked.compare.map(([a, m, s]) => {
  try {
    demo.compare(...[a, m, s].map((v) => Float64Array.from(v.map(number))));
    return null;
  } catch (error) {
    return error.message;
  }
});
const data = asked.data.map((values) => {
  try {
    new glue.Demo({ data: Float64Array.from(values.map(number)), k: 1 }).free();
    return null;
  } catch (error) {
    return error.message;
  }
});
const builds = (asked.builds ?? []).map((o) => {
  try {
    new glue.Demo(o).free();
    return null;
  } catch (error) {
    return error.message;
  }
});
const options = asked.options.map((o) => messages(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.map(number) : number(v)]))));
console.log(JSON.stringify({ options, compare, data, builds }));
