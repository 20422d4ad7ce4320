export * from "./lineamientos_wasm.js";

/** No-op in Node.js (the module is ready on import). */
export default function init(module_or_path?: unknown): Promise<unknown>;

/** No-op in Node.js (the module is ready on import). */
export function initSync(module?: unknown): unknown;
