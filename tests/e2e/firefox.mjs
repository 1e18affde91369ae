// Firefox for the end-to-end tests, driven over plain W3C WebDriver (HTTP + JSON) through geckodriver: no
// client library, nothing downloaded. GECKODRIVER (default ~/.cargo/bin/geckodriver) and FIREFOX (default
// /usr/bin/firefox-esr) must exist. Console messages and uncaught errors are printed by Firefox to its
// stdout (pref devtools.console.stdout.content), which geckodriver passes on: `pageProblems()` picks the
// page's. (CSP violations are not printed there: check their effect instead.)

import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

export const GECKODRIVER = process.env.GECKODRIVER || join(homedir(), ".cargo/bin/geckodriver");
export const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts geckodriver and a headless Firefox session; returns a small WebDriver client. `scriptTimeoutMs`
 * bounds each script call (WebDriver's default is 30 s; a page busy with a long computation makes a call wait).
 */
export async function launchFirefox({ scriptTimeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const driver = spawn(GECKODRIVER, ["--port", String(port), "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  driver.stdout.on("data", (chunk) => { output += chunk; });
  driver.stderr.on("data", (chunk) => { output += chunk; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  for (let tries = 0; ; tries++) {
    try {
      await call("GET", "/status");
      break;
    } catch (error) {
      if (tries > 100 || driver.exitCode !== null) throw new Error(`geckodriver did not start: ${error.message}\n${output}`);
      await sleep(100);
    }
  }
  const session = await call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: FIREFOX,
          args: ["-headless"],
          prefs: { "devtools.console.stdout.content": true },
        },
        timeouts: { script: scriptTimeoutMs },
      },
    },
  });
  const s = `/session/${session.sessionId}`;
  return {
    version: session.capabilities.browserVersion,
    navigate: (url) => call("POST", `${s}/url`, { url }),
    /** Runs `body` (a function body; `arguments` holds `args`) in the page and returns its value. */
    execute: (body, args = []) => call("POST", `${s}/execute/sync`, { script: body, args }),
    /** Runs `body` as an async function body (await allowed) and returns what it returns. */
    executeAsync: (body, args = []) => call("POST", `${s}/execute/async`, {
      script: `const done = arguments[arguments.length - 1]; (async () => { ${body} })().then(done, (e) => done({ error: String(e) }));`,
      args,
    }),
    /** Scripts and clicks go into the page's `index`-th frame from now on (`null`: the top page again). */
    frame: (index) => call("POST", `${s}/frame`, { id: index }),
    /** Sets the browser window's outer size. */
    windowSize: (width, height) => call("POST", `${s}/window/rect`, { width, height }),
    /** A PNG of the viewport (the top page's, frames included), as bytes. */
    screenshot: async () => Buffer.from(await call("GET", `${s}/screenshot`), "base64"),
    /**
     * Real input through WebDriver actions: `steps` are `{ move: [x, y] }` (viewport CSS pixels), `{ down: button }`,
     * `{ up: button }` (0 left, 2 right) and `{ key: "down" | "up" }` for Shift; sent in order, then released.
     */
    async input(steps) {
      const pointer = [];
      const keys = [];
      for (const step of steps) {
        if (step.key) {
          keys.push({ type: step.key === "down" ? "keyDown" : "keyUp", value: "\uE008" });
          pointer.push({ type: "pause", duration: 0 });
          continue;
        }
        keys.push({ type: "pause", duration: 0 });
        if (step.move) pointer.push({ type: "pointerMove", origin: "viewport", x: Math.round(step.move[0]), y: Math.round(step.move[1]), duration: 50 });
        else if ("down" in step) pointer.push({ type: "pointerDown", button: step.down });
        else pointer.push({ type: "pointerUp", button: step.up });
      }
      await call("POST", `${s}/actions`, { actions: [
        { type: "key", id: "keyboard", actions: keys },
        { type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: pointer },
      ] });
      await call("DELETE", `${s}/actions`);
    },
    /** A real WebDriver click on the element `selector` selects. */
    async click(selector) {
      const element = await call("POST", `${s}/element`, { using: "css selector", value: selector });
      await call("POST", `${s}/element/${element[ELEMENT]}/click`, {});
    },
    /** Polls `body` (a function body) until it returns a truthy value; returns it. */
    async waitFor(body, timeoutMs = 20000, args = []) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = await call("POST", `${s}/execute/sync`, { script: body, args });
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${body}`);
        await sleep(100);
      }
    },
    /** Lines Firefox printed for the page's console (console.error, console.warn, …). */
    /**
     * The page's problems as Firefox printed them: uncaught errors ("JavaScript error: <page or blob URL>")
     * and console.error/console.warn messages. Messages of the browser itself (about resource:// or
     * chrome:// code, such as remote-settings polling) are left out.
     */
    pageProblems() {
      const blocks = output.split(/\n(?=\S)/);
      return blocks.filter((block) => {
        if (/^JavaScript (error|warning): (file|blob):/.test(block)) return true;
        return /^console\.(error|warn):/.test(block) && !/(resource|chrome):\/\//.test(block);
      });
    },
    async close() {
      try { await call("DELETE", s); } finally { driver.kill(); }
    },
  };
}
