//! `MatrixImport`: core's streaming import, rows pushed from JavaScript (in the full build:
//! the default module has no room for it within its budget, see docs/benchmarks.md).

use crate::convert;
use crate::errors;
use crate::matrix::Matrix;
use crate::matrix::import_options;
use lineamientos::{Error, Lang};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A cell of a row given to `MatrixImport.pushRows`, as JavaScript holds it.
enum JsCell {
    Text(String),
    Other(lineamientos::matrix::import::Cell<'static>),
}

/// A JavaScript value as a core cell: a string as text, a number as a float (NaN empty),
/// a boolean as yes/no, `null` and `undefined` empty. Anything else (an object, an array, a
/// `Date`, a bigint) is `invalid_value` at `/{row}/{cell}` of `rows`.
fn js_cell(v: &JsValue, row: usize, i: usize) -> JsResult<JsCell> {
    use lineamientos::matrix::import::Cell;
    if let Some(s) = v.as_string() {
        return Ok(JsCell::Text(s));
    }
    if let Some(n) = v.as_f64() {
        return Ok(JsCell::Other(Cell::Float(n)));
    }
    if let Some(b) = v.as_bool() {
        return Ok(JsCell::Other(Cell::Bool(b)));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(JsCell::Other(Cell::Null));
    }
    let kind = v.js_typeof().as_string().unwrap_or_default();
    Err(errors::js(
        lineamientos::args::ArgPath::arg("rows")
            .index(row)
            .index(i)
            .invalid(&kind.into(), "a string, a number, a boolean or null"),
    ))
}

/// A streaming import of the tracking matrix: the column names, then rows in as many
/// `pushRows` calls as wanted, then `finish()`. Core's `MatrixImport`: the findings, row
/// numbers (column names row 1, data from 2) and limits are those of `Matrix.fromCsv` on the
/// same table written as CSV. Cells are strings, numbers (`120` reads as the text `120`),
/// booleans or `null`. A limit exceeded throws `limit_exceeded` and ends the import.
#[wasm_bindgen]
pub struct MatrixImport {
    inner: Option<lineamientos::MatrixImport>,
    lang: Lang,
}

impl MatrixImport {
    fn live(&mut self) -> JsResult<&mut lineamientos::MatrixImport> {
        self.inner.as_mut().ok_or_else(|| {
            errors::js(Error::invalid_value(
                "import",
                None,
                "an import not finished yet (finish() was called)",
            ))
        })
    }
}

#[wasm_bindgen]
impl MatrixImport {
    /// Starts an import against the embedded catalogue with the options of `Matrix.fromCsv`
    /// (`strict`, `guidelineVersion`, `maxRows`, `maxBytes`, `maxCellChars`, `maxColumns`,
    /// `maxDiagnostics`, `lang`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<MatrixImport> {
        let options = convert::core_options(options)?;
        let opts = import_options(&options)?;
        let inner = lineamientos::MatrixImport::new(&lineamientos::Catalog::embedded(), &opts)
            .map_err(|e| errors::js(convert::camel_error(e)))?;
        Ok(MatrixImport {
            inner: Some(inner),
            lang: options.lang,
        })
    }

    /// The column names (row 1): the first call.
    pub fn header(&mut self, names: Vec<String>) -> JsResult<()> {
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        self.live()?
            .header(&refs)
            .map_err(|e| errors::js(convert::camel_error(e)))
    }

    /// Rows of cells, in column order.
    #[wasm_bindgen(js_name = pushRows)]
    pub fn push_rows(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CellValue[][]")] rows: JsValue,
    ) -> JsResult<()> {
        use lineamientos::matrix::import::Cell;
        let rows: js_sys::Array = rows.dyn_into().map_err(|_| {
            errors::js(Error::invalid_value(
                "rows",
                None,
                "an array of rows (arrays of cells)",
            ))
        })?;
        let imp = self.live()?;
        let mut owned: Vec<JsCell> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let row: js_sys::Array = row.dyn_into().map_err(|v: JsValue| {
                errors::js(lineamientos::args::ArgPath::arg("rows").index(r).invalid(
                    &v.js_typeof().as_string().unwrap_or_default().into(),
                    "an array of cells",
                ))
            })?;
            owned.clear();
            for (i, v) in row.iter().enumerate() {
                owned.push(js_cell(&v, r, i)?);
            }
            let cells: Vec<Cell<'_>> = owned
                .iter()
                .map(|c| match c {
                    JsCell::Text(s) => Cell::Text(s),
                    JsCell::Other(c) => *c,
                })
                .collect();
            imp.push_row(&cells)
                .map_err(|e| errors::js(convert::camel_error(e)))?;
        }
        Ok(())
    }

    /// Rows pushed so far (the column names and blank rows included).
    #[wasm_bindgen(getter, js_name = rowsPushed)]
    pub fn rows_pushed(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |i| i.rows_pushed() as f64)
    }

    /// Ends the import: the `Matrix` of accepted entries, with its `importReport`.
    pub fn finish(&mut self) -> JsResult<Matrix> {
        let imp = self.inner.take().ok_or_else(|| {
            errors::js(Error::invalid_value(
                "import",
                None,
                "an import not finished yet (finish() was called)",
            ))
        })?;
        let (inner, report) = imp
            .finish()
            .map_err(|e| errors::js(convert::camel_error(e)))?;
        Ok(Matrix {
            inner,
            report,
            lang: self.lang,
        })
    }
}
