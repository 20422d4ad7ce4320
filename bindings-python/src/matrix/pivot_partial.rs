//! `PivotPartial`: a pivot of one partition, merged exactly with the others' partials.

use super::*;
use crate::convert::text_arg;
use lineamientos::PivotPartial;
use pyo3::types::PyTuple;

/// A pivot over one partition of the entries (a file, a worker), to merge with the other
/// partitions' partials and ``finish()`` into the table ``Matrix.pivot`` gives over all the
/// entries: same cells, totals, key order, labels and disclosure control (applied once, by
/// ``finish()``, never per partition). Merging in any order gives the same table. Partials
/// pickle (as their versioned JSON), so Dask or multiprocessing can send them.
///
/// >>> import pickle
/// >>> import lineamientos as lm
/// >>> head = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n"
/// >>> a = lm.Matrix.read_csv((head + "MX;A;2024-01-02;Evento;t;En curso;VCM;12\n").encode())
/// >>> b = lm.Matrix.read_csv((head + "MX;B;2024-02-02;Evento;t;En curso;EMP;3\n").encode())
/// >>> spec = dict(rows="country", cols="axis", measure="participants_women", suppress_below=5)
/// >>> parts = [pickle.loads(pickle.dumps(m.pivot_partial(**spec))) for m in (a, b)]
/// >>> t = parts[1].merge(parts[0]).finish()
/// >>> t.grand_total["value"], t.cell(["MEX"], ["EMP"])["suppressed"]
/// (15.0, True)
/// >>> both = lm.Matrix.read_csv((head + "MX;A;2024-01-02;Evento;t;En curso;VCM;12\n"
/// ...                            "MX;B;2024-02-02;Evento;t;En curso;EMP;3\n").encode())
/// >>> t.to_dict() == both.pivot(**spec).to_dict()
/// True
#[pyclass(name = "PivotPartial", module = "lineamientos._core", frozen)]
pub(crate) struct PyPivotPartial {
    pub(crate) inner: PivotPartial,
}

#[pymethods]
impl PyPivotPartial {
    /// The partial from its JSON text (``str`` or ``bytes``), as ``from_json`` (what pickle
    /// calls).
    #[new]
    fn new(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_json(py, text)
    }

    /// The partial from its JSON text (``str`` or ``bytes``), checked: text that is not a
    /// partial raises ``InvalidJsonError``; another format version, keys or cells that do
    /// not match raise ``InvalidValueError`` naming the place.
    ///
    /// >>> import lineamientos as lm
    /// >>> try:
    /// ...     lm.PivotPartial.from_json("{}")
    /// ... except lm.InvalidJsonError as e:
    /// ...     print(e.code)
    /// invalid_json
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let inner = py.detach(|| PivotPartial::from_json(&text)).py_err()?;
        Ok(PyPivotPartial { inner })
    }

    /// The partial as JSON text (versioned; what travels between processes).
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv(b"Pais;Institucion;Fecha;Tipo;Titulo;Estado\nMX;A;2024-01-02;Evento;t;En curso\n")
    /// >>> p = m.pivot_partial("country")
    /// >>> lm.PivotPartial.from_json(p.to_json()).finish().grand_total["value"]
    /// 1.0
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let p = &self.inner;
        py.detach(|| p.to_json()).py_err()
    }

    /// A new partial: this one merged with ``others`` (the partial of all their entries).
    /// Partials of another spec or catalogue raise ``InvalidValueError`` (``path``
    /// ``/spec`` or ``/pins``).
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv(b"Pais;Institucion;Fecha;Tipo;Titulo;Estado\nMX;A;2024-01-02;Evento;t;En curso\n")
    /// >>> p = m.pivot_partial("country")
    /// >>> p.merge(p, p).entries
    /// 3
    /// >>> try:
    /// ...     p.merge(m.pivot_partial("axis"))
    /// ... except lm.InvalidValueError as e:
    /// ...     print(e.code, e.path)
    /// invalid_value /spec
    #[pyo3(signature = (*others))]
    fn merge(&self, py: Python<'_>, others: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let mut parts = vec![self.inner.clone()];
        for o in others.iter() {
            parts.push(o.cast::<PyPivotPartial>()?.get().inner.clone());
        }
        let inner = py.detach(|| PivotPartial::merge_all(parts)).py_err()?;
        Ok(PyPivotPartial { inner })
    }

    /// The partial of every partial in ``parts`` (an iterable, at least one).
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv(b"Pais;Institucion;Fecha;Tipo;Titulo;Estado\nMX;A;2024-01-02;Evento;t;En curso\n")
    /// >>> lm.PivotPartial.merge_all(m.pivot_partial() for _ in range(4)).entries
    /// 4
    #[staticmethod]
    fn merge_all(py: Python<'_>, parts: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut all = Vec::new();
        for o in parts.try_iter()? {
            all.push(o?.cast::<PyPivotPartial>()?.get().inner.clone());
        }
        let inner = py.detach(|| PivotPartial::merge_all(all)).py_err()?;
        Ok(PyPivotPartial { inner })
    }

    /// The table: keys sorted, values from the merged partials, and the spec's disclosure
    /// control applied once, to the whole table.
    fn finish(&self, py: Python<'_>) -> PyResult<PyPivotTable> {
        let p = self.inner.clone();
        let inner = py.detach(|| p.finish()).py_err()?;
        Ok(PyPivotTable { inner })
    }

    /// The spec (a dict of the JSON shape).
    #[getter]
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.spec())
    }

    /// The catalogue, guideline version and library the partial was computed with.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.pins())
    }

    /// Entries counted.
    #[getter]
    fn entries(&self) -> u64 {
        self.inner.entries()
    }

    /// Pickles as the JSON text (rebuilt by the constructor).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let text = self.to_json(py)?;
        let cls = py.get_type::<PyPivotPartial>();
        (cls, (text,)).into_pyobject(py)
    }

    /// Whether ``other`` is a partial stored alike (the same JSON); partials merged in
    /// another order may store their keys in another order and still ``finish()`` alike.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPivotPartial>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let s = self.inner.spec();
        let dims =
            |d: &[lineamientos::Dim]| d.iter().map(|d| d.code()).collect::<Vec<_>>().join("/");
        format!(
            "<PivotPartial {} by {} x {}: {} entries>",
            s.measure.code(),
            dims(&s.rows),
            dims(&s.cols),
            self.inner.entries()
        )
    }
}
