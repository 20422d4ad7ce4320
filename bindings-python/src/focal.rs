//! `FocalDirectory`: national focal points and the follow-up of their turnover. Names and
//! emails are personal data: nothing here returns them unless the caller asks.

use crate::catalog::PyCatalog;
use crate::convert::{
    self, lang_arg, path_arg, py_to_json, read_file, text_arg, to_py, write_file,
};
use crate::errors::IntoPyResult;
use crate::report::PyReport;
use lineamientos::{Catalog, FocalDirectory, Privacy};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

/// The directory of focal points, with the report of its loading (``report``: unknown
/// countries, missing fields; never a name or an email).
///
/// >>> import lineamientos as lm
/// >>> fd = lm.FocalDirectory.from_json('[{"country": "Honduras", "institution": "SEMUJER",'
/// ...     ' "role": "enlace", "name": "Ana", "since": "2023-01-01"}]')
/// >>> len(fd), fd.report.ok
/// (1, True)
/// >>> fd.follow_up(as_of="2024-06-01", interval_days=180).codes()
/// ['contact_unconfirmed', 'country_without_focal_point', 'sector_without_focal_point']
/// >>> [d.params["sector"] for d in fd.follow_up(as_of="2024-06-01").with_code("sector_without_focal_point")]
/// ['migration']
#[pyclass(name = "FocalDirectory", module = "lineamientos._core", frozen)]
pub(crate) struct PyFocalDirectory {
    pub(crate) inner: FocalDirectory,
    report: PyReport,
    catalog: Catalog,
}

fn catalog_or_embedded(catalog: Option<&Bound<'_, PyCatalog>>) -> Catalog {
    catalog.map_or_else(Catalog::embedded, |c| c.get().inner.clone())
}

#[pymethods]
impl PyFocalDirectory {
    /// Reads a JSON array of focal points; countries are resolved through ``catalog``
    /// (default: the embedded one).
    #[staticmethod]
    #[pyo3(signature = (text, catalog=None))]
    fn from_json(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let cat = catalog_or_embedded(catalog);
        let (inner, report) = py
            .detach(|| FocalDirectory::from_json(&text, &cat))
            .py_err()?;
        Ok(PyFocalDirectory {
            inner,
            report: report.into(),
            catalog: cat,
        })
    }

    /// Reads a JSON file of focal points.
    #[staticmethod]
    #[pyo3(signature = (path, catalog=None))]
    fn read_json(
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
    ) -> PyResult<Self> {
        let path = path_arg(path, "path")?;
        let bytes = read_file(py, &path)?;
        Self::from_json(py, PyBytes::new(py, &bytes).as_any(), catalog)
    }

    /// The findings of loading the directory.
    #[getter]
    fn report(&self) -> PyReport {
        self.report.clone()
    }

    fn __len__(&self) -> usize {
        self.inner.points().len()
    }

    /// Institutions with no focal point active on ``as_of``, as ``{"country", "institution"}``
    /// dicts.
    fn institutions_without_active<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let as_of = convert::arg(as_of, "as_of")?;
        let out = PyList::empty(py);
        for i in self.inner.institutions_without_active(as_of) {
            out.append(to_py(py, &i)?)?;
        }
        Ok(out)
    }

    /// Active contacts not confirmed within ``interval_days`` (``None``: core's default,
    /// 365) before ``as_of`` (no names).
    #[pyo3(signature = (as_of, interval_days=None))]
    fn unconfirmed<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
        interval_days: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let as_of = convert::arg(as_of, "as_of")?;
        let interval_days = interval(interval_days)?;
        let out = PyList::empty(py);
        for c in self.inner.unconfirmed(as_of, interval_days) {
            out.append(to_py(py, &c)?)?;
        }
        Ok(out)
    }

    /// The follow-up as a ``Report``: ``no_active_focal_point``, ``contact_unconfirmed``,
    /// then the member states' coverage (``country_without_focal_point``,
    /// ``sector_without_focal_point`` for the women's mechanism and the migration authority).
    #[pyo3(signature = (as_of, interval_days=None))]
    fn follow_up(
        &self,
        as_of: &Bound<'_, PyAny>,
        interval_days: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReport> {
        let as_of = convert::arg(as_of, "as_of")?;
        let interval_days = interval(interval_days)?;
        Ok(self
            .inner
            .follow_up(&self.catalog, as_of, interval_days)
            .into())
    }

    /// The directory as CSV (headers in ``lang``); written to ``path`` when given, else
    /// returned. Names and emails only with ``include_personal_data=True``.
    #[pyo3(signature = (path=None, *, lang="es", include_personal_data=false))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        lang: &str,
        include_personal_data: bool,
    ) -> PyResult<Option<String>> {
        let privacy = if include_personal_data {
            Privacy::IncludePersonalData
        } else {
            Privacy::Redacted
        };
        let mut buf = Vec::new();
        self.inner
            .write_csv(&mut buf, lang_arg(lang)?, privacy)
            .py_err()?;
        match path {
            Some(p) => {
                write_file(py, &path_arg(p, "path")?, &buf)?;
                Ok(None)
            }
            None => Ok(Some(String::from_utf8_lossy(&buf).into_owned())),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "<FocalDirectory {} focal point(s)>",
            self.inner.points().len()
        )
    }
}

/// The confirmation interval in days, read by core; `None` is core's default.
fn interval(value: Option<&Bound<'_, PyAny>>) -> PyResult<u32> {
    let value = match value {
        Some(v) => py_to_json(v, "interval_days")?,
        None => serde_json::Value::Null,
    };
    let default =
        lineamientos::args::Days(lineamientos::FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS);
    lineamientos::args::arg_or("interval_days", &value, default)
        .map(|d| d.0)
        .py_err()
}
