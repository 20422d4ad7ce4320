//! WebAssembly bindings of `lineamientos` (skeleton; filled by the WASM issue).
