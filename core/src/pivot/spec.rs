//! What to aggregate: [`PivotSpec`], its dimensions [`Dim`], measures [`Measure`] and period
//! units [`PeriodUnit`].

use crate::Result;
use crate::args::{ArgPath, FromArg, OneOrMany, Options};
use crate::i18n::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A dimension of a pivot table (a row or column variable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    /// Reporting country.
    Country,
    /// Thematic axis (entries without one fall in a "not given" key).
    Axis,
    /// Guideline item (multi-valued: an entry counts in every item it cites).
    Guideline,
    /// Entry type.
    EntryType,
    /// Status.
    Status,
    /// Migration-cycle stage (multi-valued).
    Stage,
    /// Reporting institution.
    Institution,
    /// Period of the report date, in the spec's [`PeriodUnit`] (default: year).
    Period,
    /// Congress cycle: from one congress edition's start date to the next one's.
    CongressCycle,
}

impl Dim {
    /// Every dimension, in documentation order.
    pub const ALL: &'static [Dim] = &[
        Dim::Country,
        Dim::Axis,
        Dim::Guideline,
        Dim::EntryType,
        Dim::Status,
        Dim::Stage,
        Dim::Institution,
        Dim::Period,
        Dim::CongressCycle,
    ];

    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Dim::Country => "country",
            Dim::Axis => "axis",
            Dim::Guideline => "guideline",
            Dim::EntryType => "entry_type",
            Dim::Status => "status",
            Dim::Stage => "stage",
            Dim::Institution => "institution",
            Dim::Period => "period",
            Dim::CongressCycle => "congress_cycle",
        }
    }

    /// The dimension's name in `lang` (a column header).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Dim::Country, Lang::Es) => "País",
            (Dim::Country, Lang::En) => "Country",
            (Dim::Axis, Lang::Es) => "Eje temático",
            (Dim::Axis, Lang::En) => "Axis",
            (Dim::Guideline, Lang::Es) => "Lineamiento",
            (Dim::Guideline, Lang::En) => "Guideline",
            (Dim::EntryType, Lang::Es) => "Tipo de registro",
            (Dim::EntryType, Lang::En) => "Entry type",
            (Dim::Status, Lang::Es) => "Estado",
            (Dim::Status, Lang::En) => "Status",
            (Dim::Stage, Lang::Es) => "Etapa",
            (Dim::Stage, Lang::En) => "Stage",
            (Dim::Institution, Lang::Es) => "Institución",
            (Dim::Institution, Lang::En) => "Institution",
            (Dim::Period, Lang::Es) => "Periodo",
            (Dim::Period, Lang::En) => "Period",
            (Dim::CongressCycle, Lang::Es) => "Ciclo de congreso",
            (Dim::CongressCycle, Lang::En) => "Congress cycle",
        }
    }

    /// Whether an entry can have several values of this dimension.
    pub fn multi_valued(self) -> bool {
        matches!(self, Dim::Guideline | Dim::Stage)
    }
}

/// The length of a [`Dim::Period`] bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Calendar month (`2024-05`).
    Month,
    /// Calendar quarter (`2024-Q2`).
    Quarter,
    /// Half year (`2024-S1`).
    Semester,
    /// Calendar year (`2024`).
    #[default]
    Year,
}

impl PeriodUnit {
    /// The unit of [`Matrix::time_series`](crate::Matrix::time_series) when the caller
    /// names none (the bindings' `time_series()` / `timeSeries()`).
    pub const DEFAULT_SERIES: PeriodUnit = PeriodUnit::Quarter;

    /// Every unit, shortest first.
    pub const ALL: &'static [PeriodUnit] = &[
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Semester,
        PeriodUnit::Year,
    ];

    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Semester => "semester",
            PeriodUnit::Year => "year",
        }
    }
}

/// What a pivot cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Number of entries.
    #[default]
    Count,
    /// Number of distinct reporting countries.
    DistinctCountries,
    /// Number of distinct reporting institutions.
    DistinctInstitutions,
    /// Sum of all participants (women + men + girls + boys + unspecified).
    Participants,
    /// Sum of women participants.
    ParticipantsWomen,
    /// Sum of men participants.
    ParticipantsMen,
    /// Sum of girls participants.
    ParticipantsGirls,
    /// Sum of boys participants.
    ParticipantsBoys,
    /// Sum of participants not disaggregated.
    ParticipantsUnspecified,
    /// Mean progress (percent) over the entries that report one.
    MeanProgress,
    /// Mean over activities of each activity's latest reported progress (an entry without
    /// an activity id is its own activity), so that repeated reports are not double counted.
    LastProgress,
    /// Lowest progress.
    MinProgress,
    /// Highest progress.
    MaxProgress,
}

impl Measure {
    /// Every measure, in documentation order.
    pub const ALL: &'static [Measure] = &[
        Measure::Count,
        Measure::DistinctCountries,
        Measure::DistinctInstitutions,
        Measure::Participants,
        Measure::ParticipantsWomen,
        Measure::ParticipantsMen,
        Measure::ParticipantsGirls,
        Measure::ParticipantsBoys,
        Measure::ParticipantsUnspecified,
        Measure::MeanProgress,
        Measure::LastProgress,
        Measure::MinProgress,
        Measure::MaxProgress,
    ];

    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::DistinctCountries => "distinct_countries",
            Measure::DistinctInstitutions => "distinct_institutions",
            Measure::Participants => "participants",
            Measure::ParticipantsWomen => "participants_women",
            Measure::ParticipantsMen => "participants_men",
            Measure::ParticipantsGirls => "participants_girls",
            Measure::ParticipantsBoys => "participants_boys",
            Measure::ParticipantsUnspecified => "participants_unspecified",
            Measure::MeanProgress => "mean_progress",
            Measure::LastProgress => "last_progress",
            Measure::MinProgress => "min_progress",
            Measure::MaxProgress => "max_progress",
        }
    }

    /// Whether the measure counts people (the measures disclosure control applies to).
    pub fn counts_people(self) -> bool {
        self.participant_slot().is_some()
    }

    /// Which participant column(s) the measure sums: `Some(None)` for the total.
    pub(crate) fn participant_slot(self) -> Option<Option<usize>> {
        match self {
            Measure::Participants => Some(None),
            Measure::ParticipantsWomen => Some(Some(0)),
            Measure::ParticipantsMen => Some(Some(1)),
            Measure::ParticipantsGirls => Some(Some(2)),
            Measure::ParticipantsBoys => Some(Some(3)),
            Measure::ParticipantsUnspecified => Some(Some(4)),
            _ => None,
        }
    }
}

/// The schema of `rows`/`cols`: a dimension, a list of them, or null.
fn one_or_many_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let dim = generator.subschema_for::<Dim>();
    schemars::json_schema!({
        "anyOf": [dim, {"type": "array", "items": dim}, {"type": "null"}]
    })
}

/// What to aggregate, and how.
///
/// ```
/// use lineamientos::{Dim, Measure, PeriodUnit, PivotSpec};
/// let a = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis, Dim::Period])
///     .measure(Measure::Participants).period(PeriodUnit::Quarter).suppress_below(5);
/// let b = PivotSpec::from_json(r#"{"rows": ["country"], "cols": ["axis", "period"],
///     "measure": "participants", "period": "quarter", "suppress_below": 5, "approved_only": false}"#).unwrap();
/// assert_eq!(a, b);
/// // a single dimension may be given as a string
/// assert_eq!(PivotSpec::from_json(r#"{"rows": "country"}"#).unwrap().rows, vec![Dim::Country]);
/// // a bad value is `invalid_value` naming the option and its place; text that is not
/// // JSON is `invalid_json`
/// let err = PivotSpec::from_json(r#"{"rows": ["pais"]}"#).unwrap_err();
/// assert_eq!((err.code(), err.details()["path"].as_str()), ("invalid_value", Some("/rows/0")));
/// assert_eq!(PivotSpec::from_json("{rows").unwrap_err().code(), "invalid_json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "What to aggregate, and how. Every option is optional; an unknown option is refused."
)]
pub struct PivotSpec {
    /// Row dimensions (outer first).
    #[schemars(schema_with = "one_or_many_schema")]
    pub rows: Vec<Dim>,
    /// Column dimensions (outer first).
    #[schemars(schema_with = "one_or_many_schema")]
    pub cols: Vec<Dim>,
    /// What the cells hold.
    pub measure: Measure,
    /// Bucket of [`Dim::Period`] (default: year).
    pub period: Option<PeriodUnit>,
    /// Disclosure control for counts of people: cells with `0 < value < k` are suppressed,
    /// with secondary suppression (only for participant measures).
    pub suppress_below: Option<u64>,
    /// Disclosure control with every setting (threshold, protection levels, rounding):
    /// takes precedence over `suppress_below` (see `docs/disclosure.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protection: Option<crate::pivot::Protection>,
    /// Only entries approved by the CRM.
    pub approved_only: bool,
}

impl PivotSpec {
    /// An empty spec: no dimensions, measure count.
    pub fn new() -> Self {
        Self::default()
    }

    /// The options a spec is read from, as [`crate::args`] names them.
    pub const OPTIONS: &'static [&'static str] = &[
        "rows",
        "cols",
        "measure",
        "period",
        "suppress_below",
        "protection",
        "approved_only",
    ];

    /// The spec from its JSON shape: text that is not JSON is `invalid_json`, a bad option
    /// `invalid_value` (see [`crate::args`]).
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::args::json_options(text, 1 << 20, "pivot spec JSON bytes")?;
        crate::args::arg("spec", &value)
    }

    /// Sets the row dimensions.
    pub fn rows(mut self, dims: impl IntoIterator<Item = Dim>) -> Self {
        self.rows = dims.into_iter().collect();
        self
    }

    /// Sets the column dimensions.
    pub fn cols(mut self, dims: impl IntoIterator<Item = Dim>) -> Self {
        self.cols = dims.into_iter().collect();
        self
    }

    /// Sets the measure.
    pub fn measure(mut self, measure: Measure) -> Self {
        self.measure = measure;
        self
    }

    /// Sets the period unit.
    pub fn period(mut self, unit: PeriodUnit) -> Self {
        self.period = Some(unit);
        self
    }

    /// Sets the disclosure threshold k.
    pub fn suppress_below(mut self, k: u64) -> Self {
        self.suppress_below = Some(k);
        self
    }

    /// Sets every disclosure-control setting (takes precedence over `suppress_below`).
    pub fn protection(mut self, protection: crate::pivot::Protection) -> Self {
        self.protection = Some(protection);
        self
    }

    /// Keeps only approved entries.
    pub fn approved_only(mut self, yes: bool) -> Self {
        self.approved_only = yes;
        self
    }

    /// Checks the spec: no dimension twice, suppression only on counts of people. Errors
    /// name the place in the spec's JSON shape (`/cols/0` for the second use of a dimension).
    pub fn check(&self) -> Result<()> {
        self.check_at(&ArgPath::arg("spec"))
    }

    fn check_at(&self, at: &ArgPath) -> Result<()> {
        let placed = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, d)| (at.key("rows").index(i), *d))
            .chain(
                self.cols
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (at.key("cols").index(i), *d)),
            );
        let mut seen: Vec<Dim> = Vec::new();
        for (place, d) in placed {
            if seen.contains(&d) {
                return Err(place.invalid(
                    &Value::from(d.code()),
                    "each dimension at most once across rows and cols",
                ));
            }
            seen.push(d);
        }
        if let Some(p) = self.protection {
            if !self.measure.counts_people() {
                return Err(at.key("protection").invalid(
                    &Value::from(p.k),
                    format!(
                        "no protection with measure {}: disclosure control applies to counts of people (the participants measures)",
                        self.measure.code()
                    ),
                ));
            }
        }
        if let Some(k) = self.suppress_below.filter(|k| *k > 0) {
            if !self.measure.counts_people() {
                return Err(at.key("suppress_below").invalid(
                    &Value::from(k),
                    format!(
                        "no threshold with measure {}: disclosure control applies to counts of people (the participants measures)",
                        self.measure.code()
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl FromArg for PivotSpec {
    fn expected() -> String {
        format!("a pivot spec (an object with {})", Self::OPTIONS.join(", "))
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let o = Options::new(value, at, Self::OPTIONS)?;
        let dims = |key: &str| -> Result<Vec<Dim>> {
            Ok(o.get::<OneOrMany<Dim>>(key)?
                .map(|d| d.0)
                .unwrap_or_default())
        };
        let spec = PivotSpec {
            rows: dims("rows")?,
            cols: dims("cols")?,
            measure: o.get("measure")?.unwrap_or_default(),
            period: o.get("period")?,
            suppress_below: o.get("suppress_below")?,
            protection: o.get("protection")?,
            approved_only: o.get("approved_only")?.unwrap_or(false),
        };
        spec.check_at(at)?;
        Ok(spec)
    }
}

crate::args::deserialize_with_args!(PivotSpec, "spec");
