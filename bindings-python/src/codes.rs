//! The fixed code lists of the domain (entry types, statuses, stages, kinds) by name.

use crate::convert::lang_arg;
use crate::errors::{IntoPyResult, invalid_value};
use lineamientos::{ActivityKind, EmergingChallenge, EntryType, Lang, SessionKind, Stage, Status};
use pyo3::prelude::*;

/// The names of the code lists, as accepted by `code_list`, `parse_code` and `code_label`.
pub(crate) const CODE_LISTS: &[&str] = &[
    "entry_type",
    "status",
    "stage",
    "session_kind",
    "activity_kind",
    "emerging_challenge",
];

/// `(code, label es, label en)` of every value of a list.
type Rows = Vec<(&'static str, &'static str, &'static str)>;

macro_rules! dispatch {
    ($list:expr, |$t:ident| $body:expr) => {
        match $list {
            "entry_type" => {
                type $t = EntryType;
                $body
            }
            "status" => {
                type $t = Status;
                $body
            }
            "stage" => {
                type $t = Stage;
                $body
            }
            "session_kind" => {
                type $t = SessionKind;
                $body
            }
            "activity_kind" => {
                type $t = ActivityKind;
                $body
            }
            "emerging_challenge" => {
                type $t = EmergingChallenge;
                $body
            }
            other => Err(invalid_value(
                "list",
                format!("{other:?} is not one of {}", CODE_LISTS.join(", ")),
            )),
        }
    };
}

fn rows(list: &str) -> PyResult<Rows> {
    dispatch!(list, |T| Ok(T::ALL
        .iter()
        .map(|v| (v.code(), v.label(Lang::Es), v.label(Lang::En)))
        .collect()))
}

/// Every value of a code list as ``(code, label_es, label_en)`` tuples, in order.
///
/// >>> import lineamientos as lm
/// >>> lm._core.code_list("status")[0]
/// ('planned', 'Planificada', 'Planned')
#[pyfunction]
pub(crate) fn code_list(list: &str) -> PyResult<Rows> {
    rows(list)
}

/// Parses a code, a Spanish or English label or a usual synonym of a code list, ignoring
/// case and accents; unknown values raise ``UnknownCodeError`` with a ``suggestion``.
///
/// >>> import lineamientos as lm
/// >>> lm._core.parse_code("entry_type", "Buena Práctica")
/// 'good_practice'
#[pyfunction]
pub(crate) fn parse_code(list: &str, value: &str) -> PyResult<&'static str> {
    dispatch!(list, |T| T::parse(value).map(|v| v.code()).py_err())
}

/// The label of ``code`` of a code list in ``lang``.
#[pyfunction]
#[pyo3(signature = (list, code, lang="es"))]
pub(crate) fn code_label(list: &str, code: &str, lang: &str) -> PyResult<&'static str> {
    let lang = lang_arg(lang)?;
    dispatch!(list, |T| T::parse(code).map(|v| v.label(lang)).py_err())
}
