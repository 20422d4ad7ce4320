//! Work-plan validation at scale: 20 working groups' plans totalling 100,000 activities (with
//! schedule overlaps), and the overlap sweep alone. (The naive pairwise check it was once
//! compared with is now a test oracle inside `schedule`, not public API.)
//!
//! `cargo bench -p lineamientos --bench plan_validation -- --warm-up-time 1 --measurement-time 3`
//! (wall-clock time; `PLAN_BENCH_CPU=1` measures the benchmark thread's CPU time instead,
//! for a machine shared with other work).
//! Figures: docs/benchmarks.md, section "Work-plan validation".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)] // bench code

#[path = "support/cpu_time.rs"]
mod cpu_time;

use chrono::{Days, NaiveDate};
use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, criterion_group};
use lineamientos::{
    Activity, ActivityKind, Catalog, Indicator, Period, Rule, RuleConfig, ScheduledEvent, WorkPlan,
    find_overlaps,
};
use std::hint::black_box;

const GROUPS: usize = 20;
const ACTIVITIES: usize = 100_000;
const AXES: [&str; 10] = [
    "VCM", "EMP", "CUI", "SER", "PRO", "TRA", "DAT", "NNA", "RET", "FOR",
];
/// Leads and participants as partners write them: codes, names, aliases.
const PEOPLE: [&str; 29] = [
    "MEX",
    "GTM",
    "HND",
    "SLV",
    "NIC",
    "CRI",
    "PAN",
    "DOM",
    "BLZ",
    "CAN",
    "USA",
    "ARG",
    "COL",
    "ECU",
    "JAM",
    "PER",
    "IOM",
    "OIM",
    "ACNUR",
    "UNICEF",
    "OIT",
    "CEPAL",
    "UNFPA",
    "México",
    "Guatemala",
    "Costa Rica",
    "Panamá",
    "SICA",
    "PNUD",
];

const VERBS: [&str; 12] = [
    "Taller",
    "Webinar",
    "Curso",
    "Diagnóstico",
    "Campaña",
    "Foro",
    "Encuentro",
    "Guía",
    "Protocolo",
    "Estudio",
    "Mesa técnica",
    "Diplomado",
];
const TOPICS: [&str; 15] = [
    "rutas de atención",
    "inclusión financiera",
    "trata de personas",
    "salud sexual y reproductiva",
    "documentación",
    "protección internacional",
    "cuidados",
    "retorno",
    "datos desagregados",
    "violencia de género",
    "empleo formal",
    "acceso a justicia",
    "niñas no acompañadas",
    "movilidad climática",
    "emergencias sanitarias",
];
const GROUPS_OF_WOMEN: [&str; 6] = [
    "mujeres migrantes",
    "niñas y adolescentes",
    "mujeres retornadas",
    "solicitantes de refugio",
    "trabajadoras domésticas",
    "funcionariado consular",
];

/// A small deterministic generator (no dependency, same data on every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// 20 plans of 5,000 activities over 2020-2029. One activity in 20 is an event (meeting,
/// webinar, training of 1-3 days, lead and one participant); the others are research,
/// campaigns, regulatory work. About 1 % carry a mistake (typo in a participant, end before
/// start, unknown guideline, missing indicator target).
fn plans() -> Vec<WorkPlan> {
    let mut rng = Lcg(42);
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2029, 12, 31).unwrap();
    let span = (end - start).num_days() as usize;
    let per = ACTIVITIES / GROUPS;
    (0..GROUPS)
        .map(|g| {
            let axis = AXES[g % AXES.len()];
            let activities = (0..per)
                .map(|i| {
                    let event = rng.next(20) == 0;
                    let kind = if event {
                        [
                            ActivityKind::Meeting,
                            ActivityKind::Webinar,
                            ActivityKind::Training,
                        ][rng.next(3)]
                    } else {
                        [
                            ActivityKind::Research,
                            ActivityKind::Campaign,
                            ActivityKind::Regulatory,
                        ][rng.next(3)]
                    };
                    let len = if event {
                        rng.next(3)
                    } else {
                        30 + rng.next(200)
                    };
                    let s = start + Days::new(rng.next(span - len) as u64);
                    let mut e = s + Days::new(len as u64);
                    let mistake = rng.next(100) == 0;
                    let mistake_kind = rng.next(4);
                    if mistake && mistake_kind == 0 {
                        e = s - Days::new(1);
                    }
                    let mut participants = vec![PEOPLE[rng.next(PEOPLE.len())].to_owned()];
                    if !event {
                        participants.push(PEOPLE[rng.next(PEOPLE.len())].to_owned());
                    }
                    if mistake && mistake_kind == 1 {
                        participants.push("Guatemla".to_owned());
                    }
                    let item = 1 + rng.next(2);
                    let mut guidelines = vec![format!("{axis}-{item}")];
                    if rng.next(4) == 0 {
                        guidelines.push(format!("{}-1", AXES[rng.next(AXES.len())]));
                    }
                    if mistake && mistake_kind == 2 {
                        guidelines.push(format!("{axis}-9"));
                    }
                    let target = (!(mistake && mistake_kind == 3)).then_some(100.0);
                    Activity {
                        id: Some(format!("{axis}-{g}-{i}")),
                        title: Some(format!(
                            "{} sobre {} para {} en {}",
                            VERBS[rng.next(VERBS.len())],
                            TOPICS[rng.next(TOPICS.len())],
                            GROUPS_OF_WOMEN[rng.next(GROUPS_OF_WOMEN.len())],
                            PEOPLE[rng.next(16)]
                        )),
                        kind: Some(kind),
                        start: Some(s),
                        end: Some(e),
                        lead: vec![PEOPLE[rng.next(PEOPLE.len())].to_owned()],
                        participants,
                        guidelines,
                        gcm_objectives: vec![7],
                        sdgs: vec![5],
                        indicators: vec![Indicator {
                            name: Some("Personas alcanzadas".into()),
                            unit: Some("personas".into()),
                            baseline: Some(0.0),
                            target,
                        }],
                        deliverables: Vec::new(),
                    }
                })
                .collect();
            WorkPlan {
                id: Some(format!("plan-{g}")),
                title: None,
                working_group: Some(format!("mesa-{g}")),
                congress: None,
                axis: Some(axis.to_owned()),
                period: Period {
                    start: Some(start),
                    end: Some(end),
                },
                guideline_version: Some("2023".into()),
                activities,
            }
        })
        .collect()
}

/// `n` events of 20 groups, 1-3 days, lead and one participant of 29, from 2024 on at the
/// same density whatever `n` (10,000 events per 360 days), so that sizes compare.
fn events(n: usize) -> Vec<ScheduledEvent<usize, usize>> {
    let mut rng = Lcg(7);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let days = (360 * n / 10_000).max(1);
    (0..n)
        .map(|_| {
            let s = start + Days::new(rng.next(days) as u64);
            let e = s + Days::new(rng.next(3) as u64);
            ScheduledEvent::new(s, e, rng.next(GROUPS), vec![rng.next(29), rng.next(29)])
        })
        .collect()
}

fn bench<M: Measurement>(c: &mut Criterion<M>) {
    let cat = Catalog::embedded();
    let cfg = RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    let plans = plans();
    let reports = cat.validate_plans(&plans, &cfg);
    let overlaps: usize = reports
        .iter()
        .map(|r| r.with_code("schedule_overlap").count())
        .sum::<usize>()
        / 2;
    let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    eprintln!(
        "validate_plans: 100,000 activities, {overlaps} schedule overlaps, {findings} findings"
    );
    let (_, merged) = cat.merge_plans(&plans, &cfg);
    eprintln!(
        "merge_plans: {} findings, {} near duplicates, {} schedule overlaps",
        merged.diagnostics.len(),
        merged.with_code("near_duplicate").count(),
        merged.with_code("schedule_overlap").count()
    );

    let mut g = c.benchmark_group("plan_validation");
    g.sample_size(10);
    g.bench_function("validate_plans/100k_activities_20_groups", |b| {
        b.iter(|| cat.validate_plans(black_box(&plans), &cfg))
    });
    g.bench_function("merge_plans/100k_activities_20_groups", |b| {
        b.iter(|| cat.merge_plans(black_box(&plans), &cfg))
    });
    let no_near = cfg.clone().off(Rule::NearDuplicate);
    g.bench_function(
        "merge_plans_without_near_duplicates/100k_activities_20_groups",
        |b| b.iter(|| cat.merge_plans(black_box(&plans), &no_near)),
    );
    g.finish();

    let mut g = c.benchmark_group("schedule_overlap");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let ev = events(n);
        eprintln!("{n} events: {} clashing pairs", find_overlaps(&ev).len());
        g.bench_with_input(BenchmarkId::new("sweep", n), &ev, |b, ev| {
            b.iter(|| find_overlaps(black_box(ev)))
        });
    }
    g.finish();
}

criterion_group!(plan_wall, bench);
criterion_group! {
    name = plan_cpu;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = bench
}

fn main() {
    if std::env::var_os("PLAN_BENCH_CPU").is_some() {
        plan_cpu();
    } else {
        plan_wall();
    }
    Criterion::default().configure_from_args().final_summary();
}
