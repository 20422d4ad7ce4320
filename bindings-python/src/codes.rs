//! The fixed code lists of the domain (entry types, statuses, stages, kinds, languages), from
//! core's registry: the same lists, names and shapes as JavaScript's `codeList`/`parseCode`.

use crate::convert::{lang_arg, to_py};
use crate::errors::IntoPyResult;
use lineamientos::CodeKind;
use lineamientos::args;
use pyo3::prelude::*;

fn kind_arg(kind: &str) -> PyResult<CodeKind> {
    args::arg("kind", &serde_json::Value::from(kind)).py_err()
}

/// The names of the code lists with fixed values, as accepted by ``code_list``,
/// ``parse_code`` and ``code_label`` (core's ``CodeKind::fixed()``).
pub(crate) fn code_lists() -> Vec<&'static str> {
    CodeKind::fixed().into_iter().map(|k| k.code()).collect()
}

/// Every value of a fixed code list as ``{"code", "label": {"es", "en"}}`` dicts, in order.
///
/// >>> import lineamientos as lm
/// >>> lm._core.code_list("status")[0]
/// {'code': 'planned', 'label': {'en': 'Planned', 'es': 'Planificada'}}
#[pyfunction]
pub(crate) fn code_list<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &kind_arg(kind)?.code_list().py_err()?)
}

/// Resolves a code, a Spanish or English label or a usual synonym of a code list, ignoring
/// case and accents, to ``{"code", "label"}``; unknown values raise ``UnknownCodeError``
/// with a ``suggestion``.
///
/// >>> import lineamientos as lm
/// >>> lm._core.parse_code("entry_type", "Buena Práctica")["code"]
/// 'good_practice'
#[pyfunction]
pub(crate) fn parse_code<'py>(
    py: Python<'py>,
    kind: &str,
    value: &str,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &kind_arg(kind)?.parse_fixed(value).py_err()?)
}

/// The label of ``code`` of a code list in ``lang``.
#[pyfunction]
#[pyo3(signature = (kind, code, lang="es"))]
pub(crate) fn code_label(kind: &str, code: &str, lang: &str) -> PyResult<String> {
    let lang = lang_arg(lang)?;
    let label = kind_arg(kind)?.parse_fixed(code).py_err()?;
    Ok(label.label.get(lang).to_owned())
}
