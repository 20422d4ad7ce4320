//! Conversions between Python values and the core's types: JSON-shaped values both ways,
//! text and paths as inputs, and column tables as Arrow (PyCapsule stream), Python dicts and
//! pandas / polars frames.

use crate::errors::{IntoPyResult, unconvertible};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch, StringArray, StructArray};
use arrow_schema::{DataType, Field, Schema};
use chrono::{Datelike, NaiveDate};
use lineamientos::Error;
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyCapsule, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use pyo3_arrow::ffi::{ArrayIterator, to_stream_pycapsule};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::sync::Arc;

/// Deepest nesting accepted from Python: core's limit for every JSON value it reads.
const MAX_DEPTH: usize = lineamientos::document::MAX_DEPTH;

// ---------------------------------------------------------------- JSON-shaped values

/// A serialisable core value as plain Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value).map_err(|e| internal(&e.to_string()))?;
    json_to_py(py, &v)
}

/// A failure of the binding itself (a core value that does not serialise): never expected.
pub(crate) fn internal(message: &str) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!("internal error: {message}"))
}

/// A JSON value as plain Python objects.
pub(crate) fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A Python value (dict, list, tuple, str, int, float, bool, None, `datetime.date`, numpy
/// scalars) as the JSON-shaped value core parses. Only the conversion happens here: what
/// the value means (a date, a measure, a limit) is core's to decide. `what` names the
/// argument in errors.
pub(crate) fn py_to_json(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    py_to_json_at(obj, what, "", 0)
}

fn py_to_json_at(obj: &Bound<'_, PyAny>, what: &str, path: &str, depth: usize) -> PyResult<Value> {
    let type_name = || {
        obj.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    // A container here would be nesting level depth + 1 (a scalar is fine, as in JSON text).
    let container = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>();
    if depth >= MAX_DEPTH && container {
        return Err(crate::errors::to_py_err(
            lineamientos::document::depth_error(),
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(unconvertible(
            what,
            path,
            obj.to_string(),
            "an integer within 64 bits",
        ));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| unconvertible(what, path, x.to_string(), "a finite number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(k) => k.to_cow()?.into_owned(),
                Err(_) => {
                    return Err(unconvertible(
                        what,
                        path,
                        k.to_string(),
                        "a dict with str keys",
                    ));
                }
            };
            let at = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
            map.insert(key, py_to_json_at(&v, what, &at, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            items.push(py_to_json_at(&v?, what, &format!("{path}/{i}"), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    // datetime.date (and pandas / numpy dates): their ISO text; core decides whether it is a
    // date (a datetime's text, with its time, is not).
    if obj.hasattr("isoformat")? {
        let iso = obj.call_method0("isoformat")?;
        if let Ok(s) = iso.extract::<String>() {
            return Ok(Value::String(s));
        }
    }
    // numpy integers and floats.
    if obj.hasattr("item")? {
        let item = obj.call_method0("item")?;
        if !item.is(obj) && !item.hasattr("item")? {
            return py_to_json_at(&item, what, path, depth + 1);
        }
    }
    Err(unconvertible(
        what,
        path,
        type_name(),
        "a JSON-shaped value (dict, list, str, int, float, bool, None or datetime.date)",
    ))
}

/// Keyword options as the options object core reads: every keyword the caller passed
/// (`None` included: it is `null`, which means what core documents, e.g.
/// `max_diagnostics=None` is "no cap"), plus the `positional` parameters that were given
/// (those default to `None`, which there means "not given").
pub(crate) fn options_value(
    positional: &[(&str, Option<&Bound<'_, PyAny>>)],
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Value> {
    let mut map = Map::new();
    for (name, value) in positional {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            map.insert((*name).to_owned(), py_to_json(v, name)?);
        }
    }
    if let Some(kwargs) = kwargs {
        for (k, v) in kwargs.iter() {
            let key: String = k.extract()?;
            let value = py_to_json(&v, &key)?;
            map.insert(key, value);
        }
    }
    Ok(Value::Object(map))
}

/// A scalar argument read by core (`as_of`, `since`, `unit`, `interval_days`, ...).
pub(crate) fn arg<T: lineamientos::args::FromArg>(
    obj: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    lineamientos::args::arg(name, &py_to_json(obj, name)?).py_err()
}

/// A language argument (`"es"`, `"en"`, `"es-MX"`, ...), parsed by core.
pub(crate) fn lang_arg(lang: &str) -> PyResult<lineamientos::Lang> {
    lineamientos::args::arg("lang", &Value::from(lang)).py_err()
}

/// An optional language argument: `None` is core's default language.
pub(crate) fn lang_opt(lang: Option<&str>) -> PyResult<lineamientos::Lang> {
    lang.map_or(Ok(lineamientos::Lang::default()), lang_arg)
}

// ---------------------------------------------------------------- text, bytes, paths

/// A text argument given as `str`, `bytes` or `bytearray` (UTF-8, a BOM is dropped).
pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let bytes: Vec<u8> = if let Ok(b) = obj.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be str or bytes, not {}",
            obj.get_type().name()?
        )));
    };
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|e| Error::Json {
            line: 0,
            column: 0,
            path: String::new(),
            message: format!("{what} is not valid UTF-8: {e}"),
        })
        .py_err()
}

/// Raw bytes from `bytes`, `bytearray`, `str` (encoded as UTF-8) or a binary file-like object
/// (anything with `read()`).
pub(crate) fn bytes_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if obj.hasattr("read")? {
        let data = obj.call_method0("read")?;
        if let Ok(s) = data.cast::<PyString>() {
            return Ok(s.to_cow()?.as_bytes().to_vec());
        }
        if let Ok(b) = data.cast::<PyBytes>() {
            return Ok(b.as_bytes().to_vec());
        }
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes, str or a file-like object, not {}",
        obj.get_type().name()?
    )))
}

/// A filesystem path from `str` or `os.PathLike`.
pub(crate) fn path_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<std::path::PathBuf> {
    obj.extract::<std::path::PathBuf>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be a path (str or os.PathLike), not {}",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}

/// Reads a whole file, with the core's `io_error` on failure; runs without the GIL.
pub(crate) fn read_file(py: Python<'_>, path: &std::path::Path) -> PyResult<Vec<u8>> {
    py.detach(|| std::fs::read(path))
        .map_err(|e| Error::Io {
            message: format!("{}: {e}", path.display()),
        })
        .py_err()
}

/// Writes a whole file, with the core's `io_error` on failure; runs without the GIL.
pub(crate) fn write_file(py: Python<'_>, path: &std::path::Path, data: &[u8]) -> PyResult<()> {
    py.detach(|| std::fs::write(path, data))
        .map_err(|e| Error::Io {
            message: format!("{}: {e}", path.display()),
        })
        .py_err()
}

// ---------------------------------------------------------------- column tables

/// One column of a table.
#[derive(Debug, Clone)]
pub(crate) enum Column {
    /// Text.
    Str(Vec<Option<String>>),
    /// Integers.
    Int(Vec<Option<i64>>),
    /// Floating point numbers.
    Float(Vec<Option<f64>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
    /// Calendar dates.
    Date(Vec<Option<NaiveDate>>),
    /// Lists of text (codes).
    StrList(Vec<Vec<String>>),
}

impl From<lineamientos::pivot::Column> for Column {
    fn from(col: lineamientos::pivot::Column) -> Self {
        use lineamientos::pivot::Column as C;
        match col {
            C::Str(v) => Column::Str(v),
            C::F64(v) => Column::Float(v),
            C::U64(v) => Column::Int(v.into_iter().map(|x| i64::try_from(x).ok()).collect()),
            C::OptU64(v) => Column::Int(
                v.into_iter()
                    .map(|x| x.and_then(|x| i64::try_from(x).ok()))
                    .collect(),
            ),
            C::Bool(v) => Column::Bool(v.into_iter().map(Some).collect()),
            C::OptBool(v) => Column::Bool(v),
            C::Date(v) => Column::Date(v),
            C::StrList(v) => Column::StrList(v),
        }
    }
}

impl From<lineamientos::pivot::Columns> for Columns {
    fn from(table: lineamientos::pivot::Columns) -> Self {
        let mut out = Columns::new();
        for (name, col) in table.names.into_iter().zip(table.columns) {
            out.push(name, Column::from(col));
        }
        out
    }
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Str(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::StrList(v) => v.len(),
        }
    }

    fn data_type(&self) -> DataType {
        match self {
            Column::Str(_) => DataType::Utf8,
            Column::Int(_) => DataType::Int64,
            Column::Float(_) => DataType::Float64,
            Column::Bool(_) => DataType::Boolean,
            Column::Date(_) => DataType::Date32,
            Column::StrList(_) => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
            }
        }
    }

    fn to_arrow(&self) -> ArrayRef {
        match self {
            Column::Str(v) => Arc::new(StringArray::from_iter(v.iter().map(|s| s.as_deref()))),
            Column::Int(v) => {
                let mut b = Int64Builder::with_capacity(v.len());
                b.extend(v.iter().copied());
                Arc::new(b.finish())
            }
            Column::Float(v) => {
                let mut b = Float64Builder::with_capacity(v.len());
                b.extend(v.iter().copied());
                Arc::new(b.finish())
            }
            Column::Bool(v) => {
                let mut b = BooleanBuilder::with_capacity(v.len());
                b.extend(v.iter().copied());
                Arc::new(b.finish())
            }
            Column::Date(v) => {
                let mut b = Date32Builder::with_capacity(v.len());
                b.extend(v.iter().map(|d| d.map(days_since_epoch)));
                Arc::new(b.finish())
            }
            Column::StrList(v) => {
                let mut b = ListBuilder::new(StringBuilder::new());
                for items in v {
                    for item in items {
                        b.values().append_value(item);
                    }
                    b.append(true);
                }
                Arc::new(b.finish())
            }
        }
    }

    fn to_py_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Ok(match self {
            Column::Str(v) => PyList::new(py, v)?,
            Column::Int(v) => PyList::new(py, v)?,
            Column::Float(v) => PyList::new(py, v)?,
            Column::Bool(v) => PyList::new(py, v)?,
            Column::Date(v) => PyList::new(py, v)?,
            Column::StrList(v) => PyList::new(py, v)?,
        })
    }
}

fn days_since_epoch(d: NaiveDate) -> i32 {
    // 719_163 = days from 0001-01-01 (CE day 1) to 1970-01-01.
    d.num_days_from_ce() - 719_163
}

/// A table as named, typed columns of equal length.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    names: Vec<String>,
    columns: Vec<Column>,
}

impl Columns {
    /// An empty table.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends a column.
    pub(crate) fn push(&mut self, name: impl Into<String>, column: Column) {
        self.names.push(name.into());
        self.columns.push(column);
    }

    /// The column names.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The number of rows.
    pub(crate) fn num_rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// The table as one Arrow record batch.
    pub(crate) fn to_record_batch(&self) -> PyResult<RecordBatch> {
        let fields: Vec<Field> = self
            .names
            .iter()
            .zip(&self.columns)
            .map(|(n, c)| Field::new(n, c.data_type(), true))
            .collect();
        let arrays: Vec<ArrayRef> = self.columns.iter().map(Column::to_arrow).collect();
        let schema = Arc::new(Schema::new(fields));
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(self.num_rows()));
        RecordBatch::try_new_with_options(schema, arrays, &options)
            .map_err(|e| internal(&e.to_string()))
    }

    /// The table as an Arrow C stream PyCapsule (the `__arrow_c_stream__` protocol).
    pub(crate) fn to_stream_capsule<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let batch = self.to_record_batch()?;
        let field = Arc::new(
            Field::new_struct("", batch.schema().fields().clone(), false)
                .with_metadata(batch.schema().metadata().clone()),
        );
        let array: ArrayRef = Arc::new(StructArray::from(batch));
        let reader = Box::new(ArrayIterator::new(std::iter::once(Ok(array)), field));
        Ok(to_stream_pycapsule(py, reader, requested_schema)?)
    }

    /// `{column name: list of values}`.
    pub(crate) fn to_py_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (n, c) in self.names.iter().zip(&self.columns) {
            dict.set_item(n, c.to_py_list(py)?)?;
        }
        Ok(dict)
    }

    /// One dict per row.
    pub(crate) fn to_py_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let lists: Vec<Bound<'py, PyList>> = self
            .columns
            .iter()
            .map(|c| c.to_py_list(py))
            .collect::<PyResult<_>>()?;
        let out = PyList::empty(py);
        for i in 0..self.num_rows() {
            let row = PyDict::new(py);
            for (n, l) in self.names.iter().zip(&lists) {
                row.set_item(n, l.get_item(i)?)?;
            }
            out.append(row)?;
        }
        Ok(out)
    }
}

/// `obj` (anything with `__arrow_c_stream__`) as a `pandas.DataFrame`: through pyarrow when
/// it is installed, otherwise from the plain columns.
pub(crate) fn to_pandas<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    columns: &Columns,
) -> PyResult<Bound<'py, PyAny>> {
    let pandas = py.import("pandas").map_err(|e| {
        PyImportError::new_err(format!(
            "to_pandas() needs pandas (pip install pandas): {e}"
        ))
    })?;
    if let Ok(pyarrow) = py.import("pyarrow") {
        let table = pyarrow.call_method1("table", (obj,))?;
        return table.call_method0("to_pandas");
    }
    let frame = pandas.call_method1("DataFrame", (columns.to_py_dict(py)?,))?;
    Ok(frame)
}

/// `obj` (anything with `__arrow_c_stream__`) as a `polars.DataFrame`.
pub(crate) fn to_polars<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let polars = py.import("polars").map_err(|e| {
        PyImportError::new_err(format!(
            "to_polars() needs polars (pip install polars): {e}"
        ))
    })?;
    polars.call_method1("DataFrame", (obj,))
}

/// `obj` (anything with `__arrow_c_stream__`) as a `pyarrow.Table`.
pub(crate) fn to_pyarrow<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let pyarrow = py.import("pyarrow").map_err(|e| {
        PyImportError::new_err(format!(
            "to_arrow() needs pyarrow (pip install pyarrow): {e}"
        ))
    })?;
    pyarrow.call_method1("table", (obj,))
}

/// HTML-escapes text for `_repr_html_` (core's escaping, as in the cross table).
pub(crate) fn html_escape(s: &str) -> String {
    lineamientos::pivot::escape_html(s)
}
