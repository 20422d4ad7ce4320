//! Rule files: read and compile a ruleset (its expressions, constraints and embedded tests),
//! then check the example matrix, plan and cycle with it (each alone, then all together, so
//! foreign keys between scopes run) and render every finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::RuleConfig;
use lineamientos::ruleset::{RuleData, RuleSet};
use lineamientos_fuzz::{CATALOG, CYCLE, MATRIX, PLAN, as_of, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Ok(rs) = RuleSet::from_json(text) else {
        return;
    };
    let config = RuleConfig::new(as_of());
    let all = RuleData::new()
        .with_matrix(&MATRIX)
        .with_cycle(&CYCLE)
        .with_catalog(&CATALOG);
    for check in [
        rs.check_entries(&MATRIX, &config),
        rs.check_activities(std::slice::from_ref(&*PLAN), &config),
        rs.check(&all, &config),
    ] {
        // No setting names a code of the ruleset: the check cannot be refused.
        let Ok(check) = check else {
            panic!("a check with the default configuration was refused");
        };
        for d in &check.diagnostics {
            let _ = d.message(lineamientos::Lang::Es);
        }
        // Every failure has its finding, and nothing else does.
        let failed: u64 = check.outcomes.iter().map(|n| n.fail).sum();
        if failed != check.diagnostics.len() as u64 {
            panic!("outcomes and findings disagree: {:?}", check.outcomes);
        }
    }
});
