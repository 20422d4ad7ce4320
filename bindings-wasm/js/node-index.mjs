// Node.js ES module entry of lineamientos-wasm: the CommonJS build instantiates the module
// synchronously on import, so `init()` has nothing left to do. It exists so that the same
// code (`await init(); Catalog.embedded()`) runs in browsers and in Node.
import * as wasm from "./lineamientos_wasm.js";

export * from "./lineamientos_wasm.js";

/** No-op in Node.js (the module is ready on import); returns the module's exports. */
export default async function init() {
  return wasm;
}

/** No-op in Node.js, for symmetry with the browser build's `initSync`. */
export function initSync() {
  return wasm;
}
