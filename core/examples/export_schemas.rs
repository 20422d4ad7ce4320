//! Writes the JSON Schemas of work plans, entries, catalogues and reports to `schema/` (or
//! the folder given as first argument), for web teams that validate forms before calling the
//! library. `core/tests/schemas.rs` checks that the committed files are current.
//!
//! ```text
//! cargo run -p lineamientos --example export_schemas
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../schema").to_owned());
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {dir}: {e}");
        return ExitCode::FAILURE;
    }
    for (name, schema) in lineamientos::schema::all() {
        let path = format!("{dir}/{name}");
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        println!("wrote {path}");
    }
    ExitCode::SUCCESS
}
