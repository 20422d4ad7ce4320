//! The entries as typed columns (for data-frame libraries), without building `Entry` values.

use super::Matrix;
use super::import::headers::Field;
use super::store::{NONE16, NONE32, StrCol, from_day_number, stage_bit};
use crate::codes::{EntryType, Stage, Status};
use crate::pivot::{Column, Columns};

impl Matrix {
    /// Every entry as named, typed columns in [`Field::ALL`] order (names are the field
    /// codes): codes as text, dates as dates, counts as optional integers, guidelines and
    /// stages as lists. This is what `to_pandas()` / Arrow export use.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix};
    /// use lineamientos::pivot::Column;
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Mujeres\nMX,A,2024-01-02,Evento,t,En curso,12\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let c = m.to_columns();
    /// assert_eq!(c.names[1], "country");
    /// assert_eq!(c.columns[1], Column::Str(vec![Some("MEX".into())]));
    /// assert_eq!(c.columns[15], Column::OptU64(vec![Some(12)]));
    /// ```
    pub fn to_columns(&self) -> Columns {
        Columns {
            names: Field::ALL.iter().map(|f| f.code().to_owned()).collect(),
            columns: Field::ALL.iter().map(|f| self.column(*f)).collect(),
        }
    }

    /// The column of field `f`.
    fn column(&self, f: Field) -> Column {
        let s = &self.store;
        let text = |col: &StrCol| -> Column {
            Column::Str(
                (0..s.len())
                    .map(|i| {
                        let v = col.get(i);
                        (!v.is_empty()).then(|| v.to_owned())
                    })
                    .collect(),
            )
        };
        let date = |col: &[i32]| -> Column {
            Column::Date(col.iter().map(|d| from_day_number(*d)).collect())
        };
        match f {
            Field::Id => text(&s.id),
            Field::Institution => Column::Str(
                s.institution
                    .iter()
                    .map(|c| Some(s.institutions.name(*c).to_owned()))
                    .collect(),
            ),
            Field::ReportedOn => date(&s.reported_on),
            Field::Title => text(&s.title),
            Field::Description => text(&s.description),
            Field::Activity => Column::Str(
                s.activity
                    .iter()
                    .map(|a| (*a != NONE32).then(|| s.activities.name(*a).to_owned()))
                    .collect(),
            ),
            Field::Progress => Column::F64(
                s.progress
                    .iter()
                    .map(|p| (!p.is_nan()).then_some(*p))
                    .collect(),
            ),
            Field::Start => date(&s.start),
            Field::End => date(&s.end),
            Field::Women | Field::Men | Field::Girls | Field::Boys | Field::Unspecified => {
                self.count_column(f.participant_slot().unwrap_or(usize::MAX))
            }
            Field::EvidenceUrl => text(&s.evidence_url),
            Field::Replicable => Column::OptBool(
                s.replicable
                    .iter()
                    .map(|r| match r {
                        0 => Some(false),
                        1 => Some(true),
                        _ => None,
                    })
                    .collect(),
            ),
            Field::Approved => Column::Bool(s.approved.clone()),
            Field::Country
            | Field::EntryType
            | Field::Axis
            | Field::Guidelines
            | Field::Stages
            | Field::Status => self.code_column(f),
        }
    }

    /// Participant count column `k`.
    fn count_column(&self, k: usize) -> Column {
        Column::OptU64(
            self.store
                .participants
                .get(k)
                .map(|c| {
                    c.iter()
                        .map(|v| (*v != NONE32).then_some(u64::from(*v)))
                        .collect()
                })
                .unwrap_or_default(),
        )
    }

    /// The column of a field holding codes, as codes.
    fn code_column(&self, f: Field) -> Column {
        let s = &self.store;
        match f {
            Field::Country => Column::Str(
                s.country
                    .iter()
                    .map(|c| Some(s.countries.name(u32::from(*c)).to_owned()))
                    .collect(),
            ),
            Field::EntryType => Column::Str(
                s.entry_type
                    .iter()
                    .map(|t| {
                        EntryType::ALL
                            .get(usize::from(*t))
                            .map(|t| t.code().to_owned())
                    })
                    .collect(),
            ),
            Field::Axis => Column::Str(
                s.axis
                    .iter()
                    .map(|a| (*a != NONE16).then(|| s.axes.name(u32::from(*a)).to_owned()))
                    .collect(),
            ),
            Field::Guidelines => Column::StrList(
                (0..s.len())
                    .map(|i| {
                        s.guidelines_of(i)
                            .iter()
                            .map(|g| s.guideline_codes.name(u32::from(*g)).to_owned())
                            .collect()
                    })
                    .collect(),
            ),
            Field::Stages => Column::StrList(
                s.stages
                    .iter()
                    .map(|bits| {
                        Stage::ALL
                            .iter()
                            .filter(|st| bits & stage_bit(**st) != 0)
                            .map(|st| st.code().to_owned())
                            .collect()
                    })
                    .collect(),
            ),
            Field::Status => Column::Str(
                s.status
                    .iter()
                    .map(|t| {
                        Status::ALL
                            .get(usize::from(*t))
                            .map(|t| t.code().to_owned())
                    })
                    .collect(),
            ),
            // Not a code field (see `column`).
            _ => Column::Str(vec![None; s.len()]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::import::headers::ColumnType;
    use crate::{Catalog, ImportOptions};

    #[test]
    fn each_column_has_the_type_of_its_field() {
        let csv = "País,Institución,Fecha,Tipo,Título,Estado\nMX,A,2024-01-02,Evento,t,En curso\n";
        let (m, _) = Matrix::read_csv(
            csv.as_bytes(),
            &Catalog::embedded(),
            &ImportOptions::default(),
        )
        .unwrap();
        let c = m.to_columns();
        for (f, col) in Field::ALL.iter().zip(&c.columns) {
            let ok = matches!(
                (f.column_type(), col),
                (ColumnType::Text | ColumnType::Code, Column::Str(_))
                    | (ColumnType::Codes, Column::StrList(_))
                    | (ColumnType::Date, Column::Date(_))
                    | (ColumnType::Percent, Column::F64(_))
                    | (ColumnType::Count(_), Column::OptU64(_))
                    | (ColumnType::Flag, Column::OptBool(_) | Column::Bool(_))
            );
            assert!(ok, "{f:?}");
        }
        assert_eq!(c.names.len(), Field::ALL.len());
    }
}
