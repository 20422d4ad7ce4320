//! A time series per axis: entries, participants and mean progress per period.

use crate::calendar::PeriodRange;
use crate::matrix::Matrix;
use crate::matrix::store::{NONE16, NONE32};
use crate::pivot::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The series of one axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisSeries {
    /// Axis code (`None`: entries without axis).
    pub axis: Option<String>,
    /// Entries per period.
    pub entries: Vec<u64>,
    /// Participants reported per period (sum of every reported count).
    pub participants: Vec<u64>,
    /// Mean progress per period (`None`: no progress reported).
    pub mean_progress: Vec<Option<f64>>,
}

/// Per-axis series over contiguous periods (empty periods included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeSeries {
    /// The period unit.
    pub unit: PeriodUnit,
    /// Period codes (`2024-Q1`, ...), from the first to the last report.
    pub periods: Vec<String>,
    /// One series per axis, by axis code (no axis last).
    pub series: Vec<AxisSeries>,
}

/// Per period: entries, participants, progress sum, progress count.
type Lines = (Vec<u64>, Vec<u64>, Vec<f64>, Vec<u64>);

impl Matrix {
    /// Entries, participants and mean progress per axis and period of the report date.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix, PeriodUnit};
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Eje,Mujeres\n\
    ///            MX,A,2024-01-02,Avance,t,En curso,VCM,10\n\
    ///            MX,A,2024-07-02,Avance,t,En curso,VCM,5\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let ts = m.time_series(PeriodUnit::Quarter);
    /// assert_eq!(ts.periods, ["2024-Q1", "2024-Q2", "2024-Q3"]);
    /// assert_eq!(ts.series[0].entries, [1, 0, 1]);
    /// assert_eq!(ts.series[0].participants, [10, 0, 5]);
    /// ```
    pub fn time_series(&self, unit: PeriodUnit) -> TimeSeries {
        let s = &self.store;
        let Some(range) = PeriodRange::spanning(unit, s.reported_on.iter().copied()) else {
            return TimeSeries {
                unit,
                periods: Vec::new(),
                series: Vec::new(),
            };
        };
        let len = usize::try_from(range.len).unwrap_or(0);
        // axis code (None last) -> (entries, participants, progress sum, progress n)
        let mut acc: BTreeMap<(bool, String), Lines> = BTreeMap::new();
        for i in 0..s.len() {
            let a = s.axis.get(i).copied().unwrap_or(NONE16);
            let key = if a == NONE16 {
                (true, String::new())
            } else {
                (false, s.axes.name(u32::from(a)).to_owned())
            };
            let day = s.reported_on.get(i).copied().unwrap_or(i32::MIN);
            let Some(p) = range.position(day).and_then(|p| usize::try_from(p).ok()) else {
                continue;
            };
            let e = acc
                .entry(key)
                .or_insert_with(|| (vec![0; len], vec![0; len], vec![0.0; len], vec![0; len]));
            if let Some(x) = e.0.get_mut(p) {
                *x += 1;
            }
            let people: u64 = s
                .participants
                .iter()
                .filter_map(|c| c.get(i).copied().filter(|v| *v != NONE32))
                .map(u64::from)
                .sum();
            if let Some(x) = e.1.get_mut(p) {
                *x += people;
            }
            if let Some(pr) = s.progress.get(i).copied().filter(|v| !v.is_nan()) {
                if let (Some(x), Some(n)) = (e.2.get_mut(p), e.3.get_mut(p)) {
                    *x += pr;
                    *n += 1;
                }
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let series = acc
            .into_iter()
            .map(
                |((none, code), (entries, participants, sum, n))| AxisSeries {
                    axis: (!none).then_some(code),
                    entries,
                    participants,
                    mean_progress: sum
                        .iter()
                        .zip(&n)
                        .map(|(s, n)| (*n > 0).then(|| s / *n as f64))
                        .collect(),
                },
            )
            .collect();
        let periods = (0..len).map(|k| range.code(k as i64).0).collect();
        TimeSeries {
            unit,
            periods,
            series,
        }
    }
}
