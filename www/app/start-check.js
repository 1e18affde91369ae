// A classic script (not a module), so that it runs where the page's module scripts are refused: in a frame
// sandboxed without allow-same-origin (the page's origin is then "null", and a module script is fetched
// with CORS, which the server does not grant), or with index.html opened from disk. If the module graph of
// www/app/main.js fails to load, or has not run when the page has loaded, it shows the page's own message
// (#startBlocked in index.html), which names the single-file build. The single file leaves it out
// (scripts/build-single.mjs drops scripts marked data-served-only).
(() => {
  const show = () => {
    const box = document.getElementById("startBlocked");
    if (box) box.hidden = false;
  };
  window.addEventListener("error", (event) => {
    if (event.target instanceof HTMLScriptElement && event.target.type === "module") show();
  }, true);
  window.addEventListener("load", () => {
    if (document.documentElement.dataset.started !== "true") show();
  });
})();
