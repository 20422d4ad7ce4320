//! Pivot specs and disclosure documents. The first byte chooses what the rest (JSON) is:
//! 0 a pivot spec (`PivotSpec::from_json`, then pivoted on a small matrix), 1 a protection
//! (applied to a fixed pivot), 2 a published table (audited).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::pivot::{Protection, PublishedTable};
use lineamientos::{Dim, Measure, PivotSpec};
use lineamientos_fuzz::{MATRIX, exercise_table, text};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = text(rest) else { return };
    match kind % 3 {
        0 => {
            if let Ok(spec) = PivotSpec::from_json(text) {
                if let Ok(t) = MATRIX.pivot(&spec) {
                    exercise_table(&t);
                }
            }
        }
        1 => {
            if let Ok(p) = Protection::from_json(text) {
                let spec = PivotSpec::new()
                    .rows([Dim::Country])
                    .cols([Dim::Axis])
                    .measure(Measure::Participants)
                    .protection(p);
                if let Ok(t) = MATRIX.pivot(&spec) {
                    exercise_table(&t);
                }
            }
        }
        _ => {
            if let Ok(t) = PublishedTable::from_json(text) {
                let _ = t.audit();
            }
        }
    }
});
