// The example course page (www/embed-example.html): one demo through mount(), one as <gmm-two-ways>.
import { mount } from "./gmm-two-ways.js";

const log = document.getElementById("firstLog");
const first = await mount(document.getElementById("first"), {
  preset: "lr-too-large", maxSteps: 400, hide: ["explain", "data-io"],
});
first.on("step", ({ step, direct, em }) => {
  log.textContent = `Step ${step}: gradient descent ${direct.status} at loss ${direct.loss.toFixed(4)}, `
    + `EM ${em.status} at loss ${em.loss.toFixed(4)}.`;
});
first.on("stop", ({ step }) => {
  log.textContent += ` Both stopped by step ${step}.`;
});
window.gmmExample = { first }; // for the end-to-end test
document.body.dataset.ready = "true";
