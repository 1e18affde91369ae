// The public entry point people embed (see the README): `mount` and the `<gmm-two-ways>` element, which
// live in app/gmm-two-ways.js.
//
//   import { mount } from "./www/gmm-two-ways.js";
//   <script type="module" src="./www/gmm-two-ways.js"></script>  (defines <gmm-two-ways>)

export { GmmTwoWaysElement, SECTIONS, mount } from "./app/gmm-two-ways.js";
