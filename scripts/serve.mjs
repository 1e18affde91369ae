// A small static file server for the demo: 127.0.0.1 only, GET/HEAD only, correct MIME types
// (application/wasm for the module), no directory listings, nothing outside the project root.
//
//   node scripts/serve.mjs [port]      (port 0 picks a free one; the URL is printed)

import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/** Serves `dir` (default: the project root) on `host`:`port`; resolves to the listening server. */
export function startServer(port = 0, host = "127.0.0.1", dir = root) {
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    } catch {
      response.writeHead(400).end("bad request");
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    const type = TYPES[extname(file)];
    let stat;
    try {
      stat = statSync(file);
    } catch {
      stat = null;
    }
    if (!file.startsWith(dir + sep) || !type || !stat?.isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": type, "Content-Length": stat.size, "Cache-Control": "no-cache" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8000);
  const server = await startServer(port);
  const { port: actual } = server.address();
  console.log(`gmm-two-ways is served at http://127.0.0.1:${actual}/  (Ctrl+C stops it)`);
}
