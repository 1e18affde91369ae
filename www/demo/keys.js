// Keyboard shortcuts with several demos on a page: one listener for the document, and each key press goes
// to one demo: the one the focus is in, else the one last clicked or focused, else the only one.

const demos = new Set();
let active = null;

function owner(event) {
  const target = typeof event.target?.nodeType === "number" ? event.target : null;
  const inside = [...demos].find((d) => target && d.root.contains(target));
  if (inside) return inside;
  if (active && demos.has(active)) return active;
  return demos.size === 1 ? [...demos][0] : null;
}

function onKey(event) {
  owner(event)?.onShortcut(event);
}

/** Lets `demo` (with `root` and `onShortcut(event)`) take shortcuts; returns the function that stops it. */
export function registerShortcuts(demo) {
  if (!demos.size) document.addEventListener("keydown", onKey);
  demos.add(demo);
  const take = () => { active = demo; };
  demo.root.addEventListener("pointerdown", take);
  demo.root.addEventListener("focusin", take);
  return () => {
    demos.delete(demo);
    demo.root.removeEventListener("pointerdown", take);
    demo.root.removeEventListener("focusin", take);
    if (active === demo) active = null;
    if (!demos.size) document.removeEventListener("keydown", onKey);
  };
}
