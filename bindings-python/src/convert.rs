//! Conversions between Python values and the core's types: JSON-shaped values both ways,
//! text and paths as inputs, and column tables as Arrow (PyCapsule stream), Python dicts and
//! pandas / polars frames.

use crate::errors::{IntoPyResult, unconvertible};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, Schema};
use chrono::{Datelike, NaiveDate};
use lineamientos::Error;
use lineamientos::pivot::Column;
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyCapsule, PyDict, PyFloat, PyInt, PyList, PyModule, PyString,
    PyTuple,
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

/// Pauses Python's cyclic garbage collector while many containers are built at once (none of
/// them in a cycle): otherwise each few hundred new dicts start a collection that walks the
/// growing result again, a third of the time of `Matrix.entries()`. The collector's state is
/// restored when the guard is dropped, also on error.
pub(crate) struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { gc: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { gc: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Re-enabling cannot fail in practice; a failure here has nowhere to go.
            let _ = gc.call_method0("enable");
        }
    }
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
    if let Ok(b) = obj.cast::<PyBytes>() {
        return utf8_text(b.as_bytes(), what);
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return utf8_text(&b.to_vec(), what);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be str or bytes, not {}",
        obj.get_type().name()?
    )))
}

/// UTF-8 bytes as text (a BOM is dropped), copied once.
pub(crate) fn utf8_text(bytes: &[u8], what: &str) -> PyResult<String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| Error::Json {
            line: 0,
            column: 0,
            path: String::new(),
            message: format!("{what} is not valid UTF-8: {e}"),
        })
        .py_err()
}

/// The content of a file to import, read without copying what Python already holds: a path
/// is streamed from disk (CSV) or read whole (XLSX), `bytes` (immutable) are borrowed while
/// the GIL is released, a `str` from a file object is encoded to UTF-8 once. Only a
/// `bytearray` (mutable) is copied.
pub(crate) enum Source<'py> {
    /// A file on disk.
    Path(std::path::PathBuf),
    /// Bytes owned by Python.
    Bytes(Bound<'py, PyBytes>),
    /// Bytes owned here.
    Owned(Vec<u8>),
}

impl<'py> Source<'py> {
    /// A path (`str` / `os.PathLike`), `bytes` / `bytearray`, or a file-like object whose
    /// `read()` gives `bytes` or `str` (encoded as UTF-8).
    pub(crate) fn of(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Self> {
        if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
            return path_arg(obj, what).map(Source::Path);
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Source::Bytes(b.clone()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Source::Owned(b.to_vec()));
        }
        if obj.hasattr("read")? {
            let data = obj.call_method0("read")?;
            if let Ok(s) = data.cast::<PyString>() {
                return Ok(Source::Bytes(s.encode_utf8()?));
            }
            if let Ok(b) = data.cast::<PyBytes>() {
                return Ok(Source::Bytes(b.clone()));
            }
        }
        Err(PyTypeError::new_err(format!(
            "{what} must be bytes, str or a file-like object, not {}",
            obj.get_type().name()?
        )))
    }

    /// Runs `read` on the content as a stream, without the GIL: a path is read as it goes
    /// (the file is never held whole in memory).
    pub(crate) fn stream<T: Send>(
        &self,
        py: Python<'_>,
        read: impl Send + FnOnce(Stream<'_>) -> lineamientos::Result<T>,
    ) -> PyResult<T> {
        let bytes = match self {
            Source::Path(path) => {
                return py
                    .detach(|| {
                        let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
                        read(Stream::File(FileReader {
                            file: std::io::BufReader::with_capacity(FILE_BUFFER, file),
                            path,
                        }))
                    })
                    .py_err();
            }
            Source::Bytes(b) => b.as_bytes(),
            Source::Owned(v) => v.as_slice(),
        };
        py.detach(|| read(Stream::Bytes(bytes))).py_err()
    }

    /// Runs `read` on the whole content in memory, without the GIL (for XLSX, read by
    /// random access): a path is read first.
    pub(crate) fn whole<T: Send>(
        &self,
        py: Python<'_>,
        read: impl Send + FnOnce(&[u8]) -> lineamientos::Result<T>,
    ) -> PyResult<T> {
        let file;
        let bytes = match self {
            Source::Path(path) => {
                file = read_file(py, path)?;
                file.as_slice()
            }
            Source::Bytes(b) => b.as_bytes(),
            Source::Owned(v) => v.as_slice(),
        };
        py.detach(|| read(bytes)).py_err()
    }
}

/// Read size from a file: fewer system calls than the CSV reader's 8 KiB.
const FILE_BUFFER: usize = 256 * 1024;

/// An import's input as a stream: an open file or bytes in memory.
pub(crate) enum Stream<'a> {
    /// A file being read.
    File(FileReader<'a>),
    /// Bytes in memory.
    Bytes(&'a [u8]),
}

impl std::io::Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::File(f) => f.read(buf),
            Stream::Bytes(b) => b.read(buf),
        }
    }
}

/// A file whose read errors name it, as `read_file`'s do (`io_error`: "path: message").
pub(crate) struct FileReader<'a> {
    file: std::io::BufReader<std::fs::File>,
    path: &'a std::path::Path,
}

impl std::io::Read for FileReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file
            .read(buf)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", self.path.display())))
    }
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
        .map_err(|e| io_error(path, &e))
        .py_err()
}

/// The core's `io_error` for a file.
fn io_error(path: &std::path::Path, e: &std::io::Error) -> Error {
    Error::Io {
        message: format!("{}: {e}", path.display()),
    }
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

// Tables come from core as `lineamientos::pivot::Columns` and go to Arrow (or Python lists)
// straight from there: no intermediate copy of the columns in the binding.

/// The Arrow type of a core column: counts are Int64 (a count above `i64::MAX` is null).
fn data_type(col: &Column) -> DataType {
    match col {
        Column::Str(_) => DataType::Utf8,
        Column::U64(_) | Column::OptU64(_) => DataType::Int64,
        Column::F64(_) => DataType::Float64,
        Column::Bool(_) | Column::OptBool(_) => DataType::Boolean,
        Column::Date(_) => DataType::Date32,
        Column::StrList(_) => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
    }
}

/// A count as Arrow and Python see it (`None` above `i64::MAX`).
fn count(x: u64) -> Option<i64> {
    i64::try_from(x).ok()
}

/// A core column as an Arrow array, with buffers sized up front.
fn to_arrow(col: &Column) -> ArrayRef {
    match col {
        Column::Str(v) => {
            let bytes = v.iter().flatten().map(String::len).sum();
            let mut b = StringBuilder::with_capacity(v.len(), bytes);
            b.extend(v.iter().map(Option::as_deref));
            Arc::new(b.finish())
        }
        Column::U64(v) => {
            let mut b = Int64Builder::with_capacity(v.len());
            b.extend(v.iter().map(|x| count(*x)));
            Arc::new(b.finish())
        }
        Column::OptU64(v) => {
            let mut b = Int64Builder::with_capacity(v.len());
            b.extend(v.iter().map(|x| x.and_then(count)));
            Arc::new(b.finish())
        }
        Column::F64(v) => {
            let mut b = Float64Builder::with_capacity(v.len());
            b.extend(v.iter().copied());
            Arc::new(b.finish())
        }
        Column::Bool(v) => {
            let mut b = BooleanBuilder::with_capacity(v.len());
            b.extend(v.iter().map(|x| Some(*x)));
            Arc::new(b.finish())
        }
        Column::OptBool(v) => {
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
            let items = v.iter().map(Vec::len).sum();
            let bytes = v.iter().flatten().map(String::len).sum();
            let mut b =
                ListBuilder::with_capacity(StringBuilder::with_capacity(items, bytes), v.len());
            for list in v {
                for item in list {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            Arc::new(b.finish())
        }
    }
}

/// A core column as a Python list.
fn to_py_list<'py>(py: Python<'py>, col: &Column) -> PyResult<Bound<'py, PyList>> {
    match col {
        Column::Str(v) => PyList::new(py, v),
        Column::U64(v) => PyList::new(py, v.iter().map(|x| count(*x))),
        Column::OptU64(v) => PyList::new(py, v.iter().map(|x| x.and_then(count))),
        Column::F64(v) => PyList::new(py, v),
        Column::Bool(v) => PyList::new(py, v.iter().map(|x| Some(*x))),
        Column::OptBool(v) => PyList::new(py, v),
        Column::Date(v) => PyList::new(py, v),
        Column::StrList(v) => PyList::new(py, v),
    }
}

fn days_since_epoch(d: NaiveDate) -> i32 {
    // 719_163 = days from 0001-01-01 (CE day 1) to 1970-01-01.
    d.num_days_from_ce() - 719_163
}

/// A table as named, typed columns of equal length (core's columns, held as core made them).
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    table: lineamientos::pivot::Columns,
}

impl From<lineamientos::pivot::Columns> for Columns {
    fn from(table: lineamientos::pivot::Columns) -> Self {
        Columns { table }
    }
}

impl Columns {
    /// The column names.
    pub(crate) fn names(&self) -> &[String] {
        &self.table.names
    }

    /// The number of rows.
    pub(crate) fn num_rows(&self) -> usize {
        self.table.columns.first().map_or(0, Column::len)
    }

    /// The table as one Arrow record batch.
    pub(crate) fn to_record_batch(&self) -> PyResult<RecordBatch> {
        let fields: Vec<Field> = self
            .names()
            .iter()
            .zip(&self.table.columns)
            .map(|(n, c)| Field::new(n, data_type(c), true))
            .collect();
        let arrays: Vec<ArrayRef> = self.table.columns.iter().map(to_arrow).collect();
        let schema = Arc::new(Schema::new(fields));
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(self.num_rows()));
        RecordBatch::try_new_with_options(schema, arrays, &options)
            .map_err(|e| internal(&e.to_string()))
    }

    /// The table as an Arrow C stream PyCapsule (the `__arrow_c_stream__` protocol), in one
    /// batch.
    pub(crate) fn to_stream_capsule<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        self.to_batched_capsule(py, requested_schema, None)
    }

    /// The table as an Arrow C stream PyCapsule of batches of at most `batch_rows` rows
    /// (`None`: one batch). Batches are zero-copy slices of one record batch; an empty
    /// table is one empty batch.
    pub(crate) fn to_batched_capsule<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
        batch_rows: Option<usize>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let batch = self.to_record_batch()?;
        let field = Arc::new(
            Field::new_struct("", batch.schema().fields().clone(), false)
                .with_metadata(batch.schema().metadata().clone()),
        );
        let rows = batch.num_rows();
        let size = batch_rows.unwrap_or(rows).max(1);
        let offsets: Vec<usize> = if rows == 0 {
            vec![0]
        } else {
            (0..rows).step_by(size).collect()
        };
        let arrays: Vec<ArrayRef> = offsets
            .into_iter()
            .map(|o| {
                let part = batch.slice(o, size.min(rows - o));
                Arc::new(StructArray::from(part)) as ArrayRef
            })
            .collect();
        let reader = Box::new(ArrayIterator::new(arrays.into_iter().map(Ok), field));
        Ok(to_stream_pycapsule(py, reader, requested_schema)?)
    }

    /// `{column name: list of values}`.
    pub(crate) fn to_py_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (n, c) in self.names().iter().zip(&self.table.columns) {
            dict.set_item(n, to_py_list(py, c)?)?;
        }
        Ok(dict)
    }

    /// One dict per row.
    pub(crate) fn to_py_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let lists: Vec<Bound<'py, PyList>> = self
            .table
            .columns
            .iter()
            .map(|c| to_py_list(py, c))
            .collect::<PyResult<_>>()?;
        let _pause = GcPause::new(py)?;
        let out = PyList::empty(py);
        for i in 0..self.num_rows() {
            let row = PyDict::new(py);
            for (n, l) in self.names().iter().zip(&lists) {
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
