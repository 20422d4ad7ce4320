// A tiny static server for the demo (127.0.0.1 only): `node examples/web/serve.mjs [port]`.
// Serves .wasm as application/wasm so that browsers can compile it while downloading.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
// The bundled illustrative congress cycle (examples/cycle/), served under /cycle/: the page
// builds the systematization report from the same files as the command-line tool.
const cycleRoot = fileURLToPath(new URL("../cycle/", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".ts": "text/plain; charset=utf-8",
};

/** Starts the server; resolves to `{ server, url }`. Port 0 picks a free port. */
export function serve(port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const inCycle = path.startsWith("/cycle/");
    const base = inCycle ? cycleRoot : root;
    const rel = inCycle ? path.slice("/cycle/".length) : path;
    const file = normalize(join(base, rel.endsWith("/") ? `${rel}index.html` : rel));
    if (!file.startsWith(base) || file.split(sep).includes("..")) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8000));
  console.log(`demo at ${url}`);
}
