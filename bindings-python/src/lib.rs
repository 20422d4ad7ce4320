//! Python bindings of `lineamientos` (skeleton; filled by the Python issue).
