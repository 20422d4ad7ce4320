// Shared helpers of the node tests: the package as a consumer imports it, and the .d.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const pkgDir = fileURLToPath(new URL("../pkg/", import.meta.url));
export const repoDir = fileURLToPath(new URL("../../", import.meta.url));

/** The generated declarations of the browser build. */
export function dts() {
  return readFileSync(new URL("web/lineamientos_wasm.d.ts", `file://${pkgDir}`), "utf8");
}

/** The string literals of `export type <name> = "a" | "b" ...;` in the .d.ts. */
export function unionMembers(name) {
  const m = dts().match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `type ${name} not found in the .d.ts`);
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

/** Calls `fn`, asserts that it throws a LineamientosError with `code`, and returns it. */
export function throwsCode(fn, code) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected an error with code ${code}, nothing thrown`);
  assert.ok(caught instanceof Error, `thrown value is not an Error: ${String(caught)}`);
  assert.equal(caught.name, "LineamientosError");
  assert.equal(caught.code, code, `code of: ${caught.message}`);
  assert.ok(unionMembers("ErrorCode").includes(caught.code), `${caught.code} missing from ErrorCode`);
  return caught;
}
