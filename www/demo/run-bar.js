// The run bar (markup.js, `runBar`): Play, Step and Reset with the step and both losses. Below the
// two-column width it sticks above the plots and the settings fold into a drawer that its "Settings" button
// opens (www/style.css); in embed mode it is the one line of controls.

/** Copies the step and both losses from the readouts' step line (written just before) into the bar. */
export function renderRunBar(el) {
  for (const [from, to] of [["step", "barStep"], ["directLoss", "barDirectLoss"], ["emLoss", "barEmLoss"]]) {
    const text = el(from).textContent;
    if (el(to).textContent !== text) el(to).textContent = text;
  }
}

/** The "Settings" button opens and closes the settings drawer (the form; shown as a drawer on narrow screens). */
export function wireDrawer(el) {
  const toggle = el("settingsToggle");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    el("controls").dataset.drawer = open ? "open" : "closed";
  });
}
