// DOM helpers: elements built with DOM calls (nothing is parsed from a string as HTML), table rows, and a
// download link.

const ID_ATTRIBUTES = ["id", "for", "aria-describedby", "aria-labelledby", "aria-controls"];

/**
 * Returns `h(tag, attributes, ...children)`: creates an element, prefixing id references with `prefix`.
 * Children are elements or strings (always text nodes).
 */
export function builder(prefix) {
  return function h(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      const scoped = ID_ATTRIBUTES.includes(name) ? value.split(" ").map((id) => prefix + id).join(" ") : value;
      node.setAttribute(name, scoped);
    }
    node.append(...children);
    return node;
  };
}

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

/** Offers `content` (a Blob) as a download named `name`. */
export function download(name, content) {
  const url = URL.createObjectURL(content);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
