#![doc = include_str!("../../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod agreement;
pub mod analysis;
pub mod approval;
pub mod args;
mod calendar;
pub mod catalog;
pub mod codes;
pub mod congress;
pub mod cycle;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod event;
pub mod focal;
mod formula;
pub mod general;
pub mod guidelines;
pub mod i18n;
mod join;
pub mod matrix;
pub mod pivot;
pub mod plan;
pub mod rules;
pub mod ruleset;
pub mod schedule;
pub mod schema;
pub mod systematization;
mod text;

pub use agreement::{Agreement, AgreementSource, AgreementText, Evidence, StatusChange};
pub use approval::{Approval, ApprovalAction, ApprovalState, PlanState, Step, Transition, When};
pub use catalog::{
    Catalog, CatalogData, Claim, Conflict, Country, CountryRole, GcmObjective, GcmPrinciple,
    Institution, InstitutionLookup, LookupStatus, Organization, Presidency, Sdg,
};
pub use codes::{
    ActivityKind, AgreementKind, AgreementSourceKind, AgreementStatus, CodeKind, CodeLabel,
    EmergingChallenge, EntryType, OrganizationKind, Sector, SessionKind, Stage, Status,
};
pub use congress::{Congress, CongressFormat, DatePrecision, HeldOn, Session, roman_numeral};
pub use cycle::{Cycle, CycleReview, ReviewOptions, WorkingTable};
pub use diagnostic::{Diagnostic, Pins, Report, Severity, Summary};
pub use error::{Error, Result};
pub use event::{Attendance, Event};
pub use focal::{ContactDue, CoverageGap, FocalDirectory, FocalPoint, InstitutionRef, Privacy};
pub use general::{
    ActivityRef, AxisCoverage, GeneralPlan, GuidelineCoverage, MergeOptions, PlanSource,
};
pub use guidelines::{
    Approach, Axis, Crosswalk, CrosswalkMapping, Guideline, GuidelinePrinciple, GuidelineSet,
    Provenance,
};
pub use i18n::{Lang, Text};
pub use matrix::{
    ColumnMapping, Entry, Field, ImportOptions, ImportReport, LocalizedImportReport, Matrix,
    MatrixImport, Participants,
};
pub use pivot::{Dim, Measure, PeriodUnit, PivotPartial, PivotSpec, PivotTable, Suppression};
pub use plan::{Activity, Indicator, Period, WorkPlan};
pub use rules::{Rule, RuleConfig};
pub use schedule::{Overlap, ScheduledEvent, find_overlaps};
pub use systematization::{Systematization, SystematizeOptions};

/// The version of this library, as recorded in every report's pins.
pub const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");
