//! Plan JSON: read a work plan, validate it, merge it with an example plan, approve it,
//! and write it back (what is written must read again).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::{Approval, RuleConfig, WorkPlan, approval::Step};
use lineamientos_fuzz::{CATALOG, PLAN, as_of, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Ok(plan) = WorkPlan::from_json(text) else {
        return;
    };
    let config = RuleConfig::new(as_of());
    let report = CATALOG.validate_plan(&plan, &config);
    let _ = report.localized(lineamientos::Lang::Es);
    let (general, _) = CATALOG.merge_plans(&[plan.clone(), PLAN.clone()], &config);
    let _ = general.to_json();
    let mut approval = Approval::new(&plan);
    if approval.submit(&plan, Step::new("mesa", as_of())).is_ok() {
        let _ = approval.validate(&plan, &CATALOG, &config, Step::new("st", as_of()));
    }
    let _ = plan.content_hash();
    if let Ok(json) = plan.to_json() {
        if let Err(e) = WorkPlan::from_json(&json) {
            panic!("a plan written by to_json does not read again: {e}\n{json}");
        }
    }
});
