//! Aggregation of the tracking matrix: [`PivotSpec`] in, [`PivotTable`] out, with disclosure
//! control on counts of people (see [`suppression`]).

mod compute;
mod dims;
mod disclosure;
mod exact;
// The specialised pass gives the general pass's numbers faster (a property test compares
// them); the WebAssembly module leaves it out to stay within its size budget.
#[cfg(not(target_arch = "wasm32"))]
mod fast;
mod grid;
mod html;
mod partial;
mod spec;
pub mod suppression;
mod table;

pub use disclosure::{
    Audit, AuditEntry, AuditMethod, Method, Protection, PublishedCell, PublishedTable,
    audit_linked, protect_linked,
};
pub use html::escape_html;
pub use partial::PivotPartial;
pub use spec::{Dim, Measure, PeriodUnit, PivotSpec};
pub use table::{Cell, Column, Columns, Exposure, Key, KeyPart, PivotTable, Suppression, Total};

use crate::Result;
use crate::matrix::Matrix;

impl Matrix {
    /// Aggregates the entries.
    ///
    /// Totals are computed from the entries, not by adding cells: with a multi-valued
    /// dimension (guideline, stage) an entry counts in every row it cites but once in its
    /// column total and in the grand total; distinct counts are distinct over the whole line.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n\
    ///            MX;A;2024-01-02;Evento;t1;En curso;VCM;12\n\
    ///            MX;B;2024-02-02;Evento;t2;En curso;EMP;3\n\
    ///            GT;C;2024-03-02;Evento;t3;En curso;VCM;40\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let t = m.pivot(&PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]).measure(Measure::Count)).unwrap();
    /// let (mx, vcm) = (t.row_index(&[Some("MEX")]).unwrap(), t.col_index(&[Some("VCM")]).unwrap());
    /// assert_eq!(t.cell(mx, vcm).unwrap().value, Some(1.0));
    /// assert_eq!(t.grand_total.value, Some(3.0));
    /// let t = m.pivot(&PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis])
    ///     .measure(Measure::ParticipantsWomen).suppress_below(5)).unwrap();
    /// let emp = t.col_index(&[Some("EMP")]).unwrap();
    /// assert!(t.cell(mx, emp).unwrap().suppressed);          // 3 < 5
    /// assert!(t.cell(mx, vcm).unwrap().suppressed);          // secondary: row MEX
    /// assert_eq!(t.row_totals[mx].value, Some(15.0));        // totals stay exact
    /// ```
    pub fn pivot(&self, spec: &PivotSpec) -> Result<PivotTable> {
        compute::pivot(&self.store, &self.catalog, self.guideline_version(), spec)
    }
}
