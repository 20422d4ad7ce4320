//! CSV import: any bytes as a partner's file (any encoding, delimiter, header), default
//! options; then the matrix is pivoted, analysed and exported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::{ImportOptions, Matrix};
use lineamientos_fuzz::{CATALOG, exercise_matrix};

fuzz_target!(|data: &[u8]| {
    if let Ok((m, _report)) = Matrix::read_csv(data, &CATALOG, &ImportOptions::default()) {
        exercise_matrix(&m);
    }
});
