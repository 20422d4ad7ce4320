//! Option parsing (`core/src/args`): the first byte chooses the reader, the rest is the JSON
//! value a binding would hand over. Options that read are then used on fixed inputs (an
//! import, a validation, a review, a merge), so an accepted value must also work.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::args::{self, Days, Delimiter, Percent};
use lineamientos::cycle::ReviewTable;
use lineamientos::general::MergeOptions;
use lineamientos::pivot::Protection;
use lineamientos::systematization::SystematizeOptions;
use lineamientos::{
    CodeKind, Dim, ImportOptions, Lang, Matrix, Measure, PeriodUnit, PivotSpec, Privacy,
    ReviewOptions, RuleConfig, When,
};
use lineamientos_fuzz::{
    CATALOG, CYCLE, DIRECTORY, MATRIX, PLAN, SMALL_CSV, SMALL_XLSX, as_of, exercise_table, text,
};
use serde_json::Value;

/// The readers, in the order of the selector byte.
const READERS: u8 = 20;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = text(rest) else { return };
    // Import and rule options also have JSON-text entry points (their own size check).
    match kind % READERS {
        0 => {
            if let Ok(o) = ImportOptions::from_json(text) {
                import_with(&o);
            }
            return;
        }
        1 => {
            if let Ok(c) = RuleConfig::from_json_or(text, as_of()) {
                let _ = CATALOG.validate_plan(&PLAN, &c);
                let _ = c.to_json();
            }
            return;
        }
        _ => {}
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return;
    };
    match kind % READERS {
        2 => {
            if let Ok(o) = args::arg::<ImportOptions>("options", &value) {
                let _ = o.check();
                import_with(&o);
            }
        }
        3 => {
            if let Ok(c) = RuleConfig::from_value(&value) {
                let _ = CATALOG.validate_plan(&PLAN, &c);
                let _ = CATALOG.merge_plans(&[PLAN.clone()], &c);
            }
        }
        4 => {
            if let Ok(o) = ReviewOptions::from_value(&value) {
                let r = CYCLE.review(&CATALOG, Some(&MATRIX), Some(&DIRECTORY), &o);
                let _ = r.localized(Lang::En);
            }
        }
        5 => {
            if let Ok(o) = SystematizeOptions::from_value(&value) {
                if let Ok(s) = CYCLE.systematize(&CATALOG, Some(&MATRIX), Some(&DIRECTORY), &o) {
                    let _ = s.to_markdown(Lang::Es);
                }
            }
        }
        6 => {
            if let Ok(o) = MergeOptions::from_value(&value) {
                let _ = CATALOG.merge_plans_with(&[PLAN.clone()], &[], &o);
            }
        }
        7 => {
            if let Ok(spec) = args::arg::<PivotSpec>("spec", &value) {
                if let Ok(t) = MATRIX.pivot(&spec) {
                    exercise_table(&t);
                }
            }
        }
        8 => {
            if let Ok(p) = args::arg::<Protection>("protection", &value) {
                let spec = PivotSpec::new()
                    .rows([Dim::Country])
                    .cols([Dim::Status])
                    .measure(Measure::ParticipantsWomen)
                    .protection(p);
                if let Ok(t) = MATRIX.pivot(&spec) {
                    exercise_table(&t);
                }
            }
        }
        9 => {
            if let Ok(p) = args::arg::<Privacy>("privacy", &value) {
                let _ = DIRECTORY.write_csv(std::io::sink(), Lang::En, p);
            }
        }
        10 => {
            if let Ok(d) = args::arg::<chrono::NaiveDate>("as_of", &value) {
                let _ = CATALOG.validate_plan(&PLAN, &RuleConfig::new(d));
                let _ = MATRIX.gaps(d);
                let _ = DIRECTORY.follow_up(&CATALOG, d, 365);
            }
        }
        11 => {
            if let Ok(Days(n)) = args::arg::<Days>("interval_days", &value) {
                let _ = DIRECTORY.follow_up(&CATALOG, as_of(), n);
                let _ = RuleConfig::new(as_of()).with_max_event_days(n);
            }
        }
        12 => {
            if let Ok(Percent(n)) = args::arg::<Percent>("behind_target_margin", &value) {
                let _ = RuleConfig::new(as_of()).with_behind_target_margin(n);
            }
        }
        13 => {
            if let Ok(Delimiter(d)) = args::arg::<Delimiter>("delimiter", &value) {
                import_with(&ImportOptions::default().delimiter(d));
            }
        }
        14 => {
            if let Ok(u) = args::arg::<PeriodUnit>("unit", &value) {
                let _ = MATRIX.time_series(u);
            }
        }
        15 => {
            if let Ok(k) = args::arg::<CodeKind>("kind", &value) {
                let _ = k.code_list();
            }
        }
        16 => {
            let _ = args::arg::<When>("at", &value);
            let _ = args::arg::<Lang>("lang", &value);
        }
        17 => {
            let _ = args::arg::<Vec<ReviewTable>>("tables", &value);
            let _ = args::arg::<args::OneOrMany<Dim>>("rows", &value);
        }
        18 => {
            let _ = args::optional_arg::<u64>("max_rows", &value);
            let _ = args::arg::<u32>("n", &value);
            let _ = args::arg::<bool>("strict", &value);
            let _ = args::arg::<String>("sheet", &value);
        }
        _ => {
            let _ = args::arg::<Measure>("measure", &value);
            let _ = args::arg::<lineamientos::Rule>("rule", &value);
            let _ = args::arg::<lineamientos::Severity>("severity", &value);
        }
    }
});

/// Imports the small CSV and workbook with `o`.
fn import_with(o: &ImportOptions) {
    let _ = Matrix::read_csv(SMALL_CSV, &CATALOG, o);
    let _ = Matrix::read_xlsx(std::io::Cursor::new(SMALL_XLSX), &CATALOG, o);
}
