// Node.js benchmark of the WASM package on a generated tracking matrix: import (from a JS
// string and from bytes), pivots, and the conversions of results to JS objects. A measurement
// script, not a test. After `scripts/build-wasm`:
//
//   node bindings-wasm/bench/matrix.mjs [rows=100000] [--reps=N] [--full] [--pkg=DIR]
//   (or `npm run bench` in bindings-wasm/)
//
// `--full` measures the full build (lineamientos-wasm/full) instead of the default module;
// `--pkg=DIR` another build of the package (e.g. a copy of pkg/ made before a change).
// Each figure is the median of N runs (default 7) after one warm-up run: wall clock
// (performance.now) and the process's CPU time (process.cpuUsage, user + system), which
// is what the code costs on one core when the machine is shared. Compare figures from one run.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { resolve as pathResolve } from "node:path";
import { matrixCsv } from "./generator.mjs";

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const reps = Number(args.find((a) => a.startsWith("--reps="))?.slice(7) ?? 7);
const full = args.includes("--full");
const pkgDir = args.find((a) => a.startsWith("--pkg="))?.slice(6);

// The Node (CommonJS) build of the package, as `require("lineamientos-wasm")` loads it.
const pkgUrl = pkgDir ? new URL(`file://${pathResolve(pkgDir)}/`) : new URL("../pkg/", import.meta.url);
const pkg = fileURLToPath(new URL(`${full ? "xlsx/" : ""}node/lineamientos_wasm.js`, pkgUrl));
const { Matrix } = createRequire(import.meta.url)(pkg);

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall and CPU time of `n` runs of `f` (after one warm-up run) in ms, and f's last
 *  result (results of earlier runs are freed when they are wasm objects). */
function time(label, f, n = reps) {
  let out = f();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    out?.free?.();
    const c = process.cpuUsage();
    const t = performance.now();
    out = f();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const [w, c] = [median(wall), median(cpu)];
  console.log(
    `${label.padEnd(56)} wall ${w.toFixed(1).padStart(7)} ms  cpu ${c.toFixed(1).padStart(7)} ms  (wall min ${wall[0].toFixed(1)}, max ${wall.at(-1).toFixed(1)})`,
  );
  return { ms: w, cpu: c, out };
}

const t0 = performance.now();
const text = matrixCsv(rows);
const bytes = new TextEncoder().encode(text);
console.log(
  `${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s), ` +
    `${full ? "full" : "default"} module of ${pkg}, Node ${process.version}, median of ${reps}`,
);

const fromBytes = time("Matrix.fromCsv(Uint8Array)", () => Matrix.fromCsv(bytes));
const fromString = time("Matrix.fromCsv(string)", () => Matrix.fromCsv(text));
time("Matrix.fromCsv(ArrayBuffer)", () => Matrix.fromCsv(bytes.buffer));
time("  (TextEncoder.encode of the string, for comparison)", () => new TextEncoder().encode(text));
const m = fromBytes.out;
const report = m.importReport;
console.log(`  accepted ${report.accepted}, rejected ${report.rejected}, ${report.diagnostics.length} findings`);

const countSpec = { rows: ["country"], cols: ["axis", "period"], period: "quarter" };
const sumSpec = { ...countSpec, measure: "participants" };
const count = time("pivot country x (axis x quarter), count -> JS", () => m.pivot(countSpec));
const sum = time("pivot country x (axis x quarter), participants -> JS", () => m.pivot(sumSpec));
console.log(`  ${count.out.cells.length} cells; grand total ${count.out.grand_total.value} entries, ${sum.out.grand_total.value} participants`);
time("pivotCsv, count (text, no object conversion)", () => m.pivotCsv(countSpec));
time("importReport -> JS", () => m.importReport, reps);
const entries = time("entries() -> JS", () => m.entries(), Math.min(reps, 3));
console.log(`  ${entries.out.length} entries`);
time("toCsv() -> JS string", () => m.toCsv(), Math.min(reps, 3));

console.log(
  `import (bytes) + pivot (count): wall ${(fromBytes.ms + count.ms).toFixed(0)} ms, cpu ${(fromBytes.cpu + count.cpu).toFixed(0)} ms ` +
    `(target < 300 ms at 100,000 rows); import (string) + pivot (sum): wall ${(fromString.ms + sum.ms).toFixed(0)} ms, ` +
    `cpu ${(fromString.cpu + sum.cpu).toFixed(0)} ms`,
);
