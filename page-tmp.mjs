import { chromium } from "playwright-core";
const [url, out, w, h, steps] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: +w || 1280, height: +h || 900 } });
const logs = [];
p.on("console", (m) => logs.push(m.type() + ": " + m.text()));
p.on("pageerror", (e) => logs.push("pageerror: " + e.message));
await p.goto(url);
await p.waitForSelector(".gmm-demo[data-ready=true]", { timeout: 30000 });
if (steps) {
  await p.evaluate(async (n) => { const d = window.gmmDemo ?? window.demo; }, +steps);
  for (let i = 0; i < +steps / 100000 + 1; i++) {}
}
await p.waitForTimeout(+process.env.WAIT || 8000);
await p.screenshot({ path: out, fullPage: !!process.env.FULL });
console.log(logs.join("\n"));
console.log(await p.evaluate(() => document.querySelector("[id$=bestLoss]")?.textContent));
console.log(await p.evaluate(() => document.querySelector("[id$=verdictHeadline]")?.textContent));
await b.close();
