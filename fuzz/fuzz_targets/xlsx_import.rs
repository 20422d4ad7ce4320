//! XLSX import: any bytes as a workbook. libFuzzer's panic hook aborts even on a panic that
//! the native build catches (`catch_unwind` in core): exactly what the WASM build (panic =
//! abort) would do, so every crash here is one that would kill the browser module.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::{ImportOptions, Matrix};
use lineamientos_fuzz::{CATALOG, exercise_matrix};

fuzz_target!(|data: &[u8]| {
    let reader = std::io::Cursor::new(data);
    if let Ok((m, _report)) = Matrix::read_xlsx(reader, &CATALOG, &ImportOptions::default()) {
        exercise_matrix(&m);
    }
});
