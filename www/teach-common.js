// Small helpers shared by the teaching sections.

import { fmt } from "./readouts.js";

export { fmt };

/** A table row of texts; the first cell is a row header unless `header` is false. */
export function row(cells, header = true) {
  const tr = document.createElement("tr");
  cells.forEach((text, i) => {
    const cell = document.createElement(i === 0 && header ? "th" : "td");
    if (i === 0 && header) cell.scope = "row";
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}
