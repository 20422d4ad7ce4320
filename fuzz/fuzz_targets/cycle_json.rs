//! Cycle JSON: the first byte chooses what the rest (JSON) is: 0 a cycle document, reviewed
//! and systematised with the example matrix and focal points; 1 a focal-point directory,
//! reviewed with the example cycle.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::systematization::SystematizeOptions;
use lineamientos::{Cycle, FocalDirectory, Lang, Privacy, ReviewOptions};
use lineamientos_fuzz::{CATALOG, CYCLE, DIRECTORY, MATRIX, as_of, text};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = text(rest) else { return };
    let options = SystematizeOptions::new(as_of());
    match kind % 2 {
        0 => {
            let Ok(cycle) = Cycle::from_json(text) else {
                return;
            };
            let review = cycle.review(&CATALOG, Some(&MATRIX), Some(&DIRECTORY), &options.review);
            let _ = review.localized(Lang::Es);
            let _ = review.general_report.summary();
            let _ = cycle.review(&CATALOG, None, None, &ReviewOptions::new(as_of()));
            if let Ok(s) = cycle.systematize(&CATALOG, Some(&MATRIX), Some(&DIRECTORY), &options) {
                let _ = s.to_markdown(Lang::En);
                let _ = s.to_html(Lang::Es);
            }
            if let Ok(json) = cycle.to_json() {
                if let Err(e) = Cycle::from_json(&json) {
                    panic!("a cycle written by to_json does not read again: {e}");
                }
            }
        }
        _ => {
            let Ok((dir, _)) = FocalDirectory::from_json(text, &CATALOG) else {
                return;
            };
            let _ = dir.follow_up(&CATALOG, as_of(), 365);
            let _ = dir.write_csv(std::io::sink(), Lang::En, Privacy::Redacted);
            let review = CYCLE.review(&CATALOG, Some(&MATRIX), Some(&dir), &options.review);
            let _ = review.localized(Lang::En);
            if let Ok(s) = CYCLE.systematize(&CATALOG, None, Some(&dir), &options) {
                let _ = s.to_html(Lang::En);
            }
        }
    }
});
