//! The tracking matrix (matriz de seguimiento): what countries report, one [`Entry`] per row.
//!
//! [`Matrix::read_csv`] and [`Matrix::read_xlsx`] import files as partners send them (see
//! `docs/matrix.md` for accepted headers and value formats); every data row is accepted or
//! rejected with findings in the [`ImportReport`]. The matrix stores entries columnar with
//! interned codes; [`Matrix::entries`] gives them back as [`Entry`] values and
//! [`Matrix::pivot`](crate::Matrix::pivot) aggregates them.

mod columns;
mod entry;
mod export;
pub mod import;
mod options;
mod report;
pub(crate) mod store;

pub use entry::{Entry, Participants};
pub use import::headers::Field;
pub use options::ImportOptions;
pub use report::{ColumnMapping, ImportReport, LocalizedImportReport};

#[cfg(feature = "xlsx-write")]
pub(crate) use export::write_xlsx_rows;
pub(crate) use export::{Out, write_csv_rows};

use crate::Result;
use crate::catalog::Catalog;
use crate::diagnostic::Pins;
use import::{Importer, Locate};
use std::io::Read;
#[cfg(any(feature = "xlsx-read", feature = "xlsx-lite"))]
use std::io::Seek;
use store::Store;

/// The tracking matrix: accepted entries, stored by column.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub(crate) store: Store,
    pub(crate) catalog: Catalog,
    guideline_version: String,
    pins: Pins,
}

impl Matrix {
    fn from_parts(store: Store, catalog: &Catalog, report: &report::ImportReport) -> Matrix {
        Matrix {
            store,
            catalog: catalog.clone(),
            guideline_version: report.guideline_version.clone(),
            pins: report.pins.clone(),
        }
    }

    /// Imports a CSV stream as partners send it: `,`, `;` or tab delimited (detected), UTF-8
    /// with or without BOM, cells that are not UTF-8 read as Windows-1252 (Latin-1), Spanish
    /// or English headers with aliases, title rows above the header skipped.
    ///
    /// Row-level problems never fail the call: they reject the row (or warn) in the
    /// [`ImportReport`]. Errors are reserved for what stops reading: `limit_exceeded`
    /// (`max_bytes`, `max_rows`, `max_cell_chars`, `max_columns`: each has a safe default
    /// and `null` lifts it), `io_error`, `invalid_value` (options, UTF-16 files),
    /// `unknown_code` (an unknown `guideline_version`).
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix};
    /// let cat = Catalog::embedded();
    /// let csv = "\u{feff}ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Estado;Avance (%);Mujeres\n\
    ///            GT-1;Guatemala;SEPREM;02/05/2024;Buena práctica;Ruta de atención;En curso;45%;120\n\
    ///            GT-2;Guatemla;SEPREM;2024-05-03;Avance;Diplomado;Completado;100;30\n";
    /// let (m, report) = Matrix::read_csv(csv.as_bytes(), &cat, &ImportOptions::default()).unwrap();
    /// assert_eq!((report.rows_read, report.accepted, report.rejected), (2, 1, 1));
    /// let d = &report.diagnostics[0];
    /// assert_eq!((d.code.as_str(), d.row, d.column.as_deref()), ("unknown_code", Some(3), Some("País")));
    /// assert_eq!(d.suggestion.as_deref(), Some("GTM"));
    /// assert_eq!(m.entry(0).unwrap().progress, Some(45.0));
    /// ```
    pub fn read_csv(
        reader: impl Read,
        catalog: &Catalog,
        options: &ImportOptions,
    ) -> Result<(Matrix, ImportReport)> {
        let mut imp = Importer::new(catalog, options, Locate::Sheet)?;
        let limits = import::limits::Limits::of(options);
        import::csv::read(
            reader,
            &mut imp,
            options.delimiter,
            &limits,
            options.thread_count(),
            import::parallel::BLOCKS,
        )?;
        let (store, report) = imp.finish();
        Ok((Matrix::from_parts(store, catalog, &report), report))
    }

    /// Imports one worksheet of an XLSX workbook (`options.sheet`, default the first) with
    /// the same rules as [`Matrix::read_csv`]. Date cells are read as dates, numbers as
    /// numbers (a progress cell formatted `45%` holds 0.45: a column of such cells is read
    /// as fractions). A file that is not a workbook is the error `invalid_file`.
    ///
    /// Read with calamine (feature `xlsx-read`), or, in builds with only the `xlsx-lite`
    /// feature (the WebAssembly spreadsheet module), with a reader made for size that gives
    /// the same matrix, report and errors.
    #[cfg(any(feature = "xlsx-read", feature = "xlsx-lite"))]
    pub fn read_xlsx(
        reader: impl Read + Seek,
        catalog: &Catalog,
        options: &ImportOptions,
    ) -> Result<(Matrix, ImportReport)> {
        let mut imp = Importer::new(catalog, options, Locate::Sheet)?;
        let limits = import::limits::Limits::of(options);
        import::xlsx::read(reader, &mut imp, options.sheet.as_deref(), &limits)?;
        let (store, report) = imp.finish();
        Ok((Matrix::from_parts(store, catalog, &report), report))
    }

    /// [`Matrix::read_xlsx`] through the size-made reader even where calamine is compiled
    /// in: what the tests and the fuzz target compare with calamine. Not a stable API.
    #[cfg(feature = "xlsx-lite")]
    #[doc(hidden)]
    pub fn read_xlsx_lite(
        reader: impl Read + Seek,
        catalog: &Catalog,
        options: &ImportOptions,
    ) -> Result<(Matrix, ImportReport)> {
        let mut imp = Importer::new(catalog, options, Locate::Sheet)?;
        let limits = import::limits::Limits::of(options);
        import::xlsx::read_lite(reader, &mut imp, options.sheet.as_deref(), &limits)?;
        let (store, report) = imp.finish();
        Ok((Matrix::from_parts(store, catalog, &report), report))
    }

    /// Builds a matrix from entries (what the bindings' `from_pandas` / `fromEntries` call),
    /// validated exactly like imported rows. Diagnostics locate an entry by its 0-based
    /// position: `row` is the position and the path is `/{position}/{field}`.
    ///
    /// ```
    /// use lineamientos::{Catalog, Entry, EntryType, Matrix, Participants, Status};
    /// let e = Entry { id: "x".into(), country: "mx".into(), institution: "INMUJERES".into(),
    ///     reported_on: "2024-05-02".parse().unwrap(), entry_type: EntryType::Event,
    ///     title: "Foro".into(), description: None, axis: Some("VCM".into()),
    ///     guidelines: vec!["VCM-1".into()], activity: None, stages: vec![],
    ///     status: Status::Completed, progress: Some(100.0), start: None, end: None,
    ///     participants: Participants::default(), evidence_url: None, replicable: None,
    ///     approved: true };
    /// let (m, report) = Matrix::from_entries(vec![e], &Catalog::embedded()).unwrap();
    /// assert_eq!(report.accepted, 1);
    /// assert_eq!(m.entry(0).unwrap().country, "MEX");
    /// ```
    pub fn from_entries(entries: Vec<Entry>, catalog: &Catalog) -> Result<(Matrix, ImportReport)> {
        Self::from_entries_with(entries, catalog, &ImportOptions::default())
    }

    /// [`Matrix::from_entries`] with options (`strict`, `guideline_version`, `max_rows`,
    /// `max_diagnostics`).
    pub fn from_entries_with(
        entries: Vec<Entry>,
        catalog: &Catalog,
        options: &ImportOptions,
    ) -> Result<(Matrix, ImportReport)> {
        let mut imp = Importer::new(catalog, options, Locate::Index)?;
        let header: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
        imp.header(0, &header);
        imp.report.columns.clear();
        for (i, e) in entries.iter().enumerate() {
            let cells = entry_cells(e);
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            imp.row(i as u64, &refs)?;
        }
        let (store, report) = imp.finish();
        Ok((Matrix::from_parts(store, catalog, &report), report))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether the matrix has no entry.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// Entry `i` (in import order), if there is one.
    pub fn entry(&self, i: usize) -> Option<Entry> {
        self.store.entry(i)
    }

    /// Every entry, in import order (built on the fly from the columns).
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.store.len()).filter_map(|i| self.store.entry(i))
    }

    /// The guideline-set version that axis and guideline codes refer to.
    pub fn guideline_version(&self) -> &str {
        &self.guideline_version
    }

    /// The catalogue the matrix was validated against.
    pub fn pins(&self) -> &Pins {
        &self.pins
    }

    /// Checks the entries against the rule files attached to `config`
    /// ([`RuleConfig::with_ruleset`](crate::RuleConfig::with_ruleset)), with its `as_of` as
    /// the report date: a report with their findings (paths `/entries/{i}`, import order),
    /// the matrix's pins plus each file's pin, and each rule's pass / fail / not-applicable
    /// counts. The import's own findings stay in the import report.
    ///
    /// ```
    /// use lineamientos::{ruleset::RuleSet, Catalog, ImportOptions, Matrix, RuleConfig};
    /// let csv = "Entry id,Country,Reporting institution,Reported on,Entry type,Title,Status,Women\n\
    ///            E1,Guatemala,SEPREM,2024-05-02,Good practice,Workshop,Ongoing,\n";
    /// let (m, import) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// assert_eq!(import.accepted, 1);
    /// let rs = RuleSet::from_json(r#"{"ruleset": "demo", "version": "1", "rules": [
    ///   {"code": "demo.women", "kind": "field", "scope": "entry", "field": "participants.women",
    ///    "constraints": {"required": true},
    ///    "message": {"es": "{id}: sin mujeres", "en": "{id}: no women"}}]}"#)?;
    /// let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#)?.with_ruleset(rs)?;
    /// let report = m.check(&cfg);
    /// assert_eq!(report.diagnostics[0].code, "demo.women");
    /// assert_eq!(report.diagnostics[0].path, "/entries/0");
    /// assert_eq!((report.outcomes[0].pass, report.outcomes[0].fail), (0, 1));
    /// assert_eq!(report.pins.rulesets[0].id, "demo");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn check(&self, config: &crate::RuleConfig) -> crate::Report {
        let mut report = crate::Report::new(self.pins.clone());
        let data = crate::ruleset::RuleData::new().with_matrix(self);
        for rs in config.rulesets() {
            report.add_ruleset_check(rs.run(&data, config));
        }
        report
    }
}

/// An entry as text cells in [`Field::ALL`] order (the shape the importer reads).
fn entry_cells(e: &Entry) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let count = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    let flag = |v: Option<bool>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        e.id.clone(),
        e.country.clone(),
        e.institution.clone(),
        e.reported_on.to_string(),
        e.entry_type.code().to_owned(),
        e.title.clone(),
        opt(&e.description),
        opt(&e.axis),
        e.guidelines.join(";"),
        opt(&e.activity),
        e.stages
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(";"),
        e.status.code().to_owned(),
        // Entries carry percent: the `%` keeps the importer from reading 0.5 as a fraction.
        e.progress.map(|p| format!("{p}%")).unwrap_or_default(),
        date(e.start),
        date(e.end),
        count(e.participants.women),
        count(e.participants.men),
        count(e.participants.girls),
        count(e.participants.boys),
        count(e.participants.unspecified),
        opt(&e.evidence_url),
        flag(e.replicable),
        flag(Some(e.approved)),
    ]
}
