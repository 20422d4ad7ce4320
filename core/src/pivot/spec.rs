//! What to aggregate: [`PivotSpec`], its dimensions [`Dim`], measures [`Measure`] and period
//! units [`PeriodUnit`].

use crate::i18n::Lang;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

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

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<Dim>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Dim),
        Many(Vec<Dim>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(x)) => vec![x],
        Some(OneOrMany::Many(v)) => v,
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
/// assert_eq!(PivotSpec::from_json(r#"{"rows": ["pais"]}"#).unwrap_err().code(), "invalid_json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PivotSpec {
    /// Row dimensions (outer first).
    #[serde(deserialize_with = "one_or_many")]
    pub rows: Vec<Dim>,
    /// Column dimensions (outer first).
    #[serde(deserialize_with = "one_or_many")]
    pub cols: Vec<Dim>,
    /// What the cells hold.
    pub measure: Measure,
    /// Bucket of [`Dim::Period`] (default: year).
    pub period: Option<PeriodUnit>,
    /// Disclosure control for counts of people: cells with `0 < value < k` are suppressed,
    /// with secondary suppression (only for participant measures).
    pub suppress_below: Option<u64>,
    /// Only entries approved by the CRM.
    pub approved_only: bool,
}

impl PivotSpec {
    /// An empty spec: no dimensions, measure count.
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec from its JSON shape.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::catalog::check_size(text.len(), 1 << 20, "pivot spec JSON bytes")?;
        serde_json::from_str(text).map_err(|e| Error::from_serde_json(&e))
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

    /// Keeps only approved entries.
    pub fn approved_only(mut self, yes: bool) -> Self {
        self.approved_only = yes;
        self
    }

    /// Checks the spec: no dimension twice, suppression only on counts of people.
    pub fn check(&self) -> Result<()> {
        let all: Vec<Dim> = self.rows.iter().chain(&self.cols).copied().collect();
        for (i, d) in all.iter().enumerate() {
            if all.get(..i).is_some_and(|before| before.contains(d)) {
                return Err(Error::InvalidValue {
                    field: "rows/cols".into(),
                    reason: format!("dimension {} is used twice", d.code()),
                });
            }
        }
        if self.suppress_below.is_some_and(|k| k > 0) && !self.measure.counts_people() {
            return Err(Error::InvalidValue {
                field: "suppress_below".into(),
                reason: format!(
                    "disclosure control applies to counts of people (participants measures), not {}",
                    self.measure.code()
                ),
            });
        }
        Ok(())
    }
}
