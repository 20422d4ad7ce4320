//! Arrow in: a stream of record batches (anything with `__arrow_c_stream__`) fed batch by
//! batch to core's streaming import ([`MatrixImport`]). This module only converts: each
//! Arrow value becomes a core [`Cell`] (the table below); core decides how a cell reads
//! (its text, what the CSV import would read) and validates it.
//!
//! | Arrow type | cell |
//! |---|---|
//! | `null` | `Null` |
//! | `utf8`, `large_utf8`, `utf8_view` | `Text` |
//! | `dictionary<_, (any type here)>` | the cell of the dictionary value |
//! | `int8` .. `int64` | `Int` |
//! | `uint8` .. `uint64` | `UInt` |
//! | `float16`, `float64` | `Float` |
//! | `float32` | `Float` of its shortest decimal (`0.45f32` is 0.45, not 0.449999988) |
//! | `decimal128(p, s)` | `Decimal` |
//! | `bool` | `Bool` |
//! | `date32`, `date64` | `Date` |
//! | `timestamp(unit)` without time zone | `Date` of its day (the time is dropped, as the CSV import drops it) |
//! | anything else (`timestamp` with a time zone, `time`, `duration`, `binary`, lists, structs, maps, ...) | the error `invalid_value` naming the column ([`Cell::unsupported`]), before any row is read |
//!
//! A null is `Null` whatever the type; a date beyond chrono's range is its day number (which
//! then fails as a date, with a finding).

use crate::errors::IntoPyResult;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Date32Type, Date64Type, Decimal128Type, Float16Type, Float32Type,
    Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, RecordBatchReader};
use arrow_schema::{DataType, TimeUnit};
use chrono::NaiveDate;
use lineamientos::matrix::import::{Cell, MatrixImport};
use lineamientos::{Error, Result};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// Reads row `i` of a column.
type Getter<'a> = Box<dyn Fn(usize) -> Cell<'a> + 'a>;

/// The reader of the Arrow C stream of `data` (its `__arrow_c_stream__`).
pub(crate) fn stream_reader(
    data: &Bound<'_, PyAny>,
) -> PyResult<Box<dyn RecordBatchReader + Send>> {
    if !data.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(format!(
            "data must be an Arrow stream (an object with __arrow_c_stream__: a pyarrow Table \
             or RecordBatchReader, a polars DataFrame...), not {}",
            data.get_type().name()?
        )));
    }
    let capsule = data.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>()?;
    pyo3_arrow::PyRecordBatchReader::from_arrow_pycapsule(capsule)?.into_reader()
}

/// Feeds every batch of `reader` to `imp`: the column names first, then each row.
pub(crate) fn feed(
    reader: Box<dyn RecordBatchReader + Send>,
    imp: &mut MatrixImport,
) -> Result<()> {
    let schema = reader.schema();
    // Every column's type is checked before any row is read.
    for f in schema.fields() {
        let empty = arrow_array::new_empty_array(f.data_type());
        drop(getter(f.name(), empty.as_ref())?);
    }
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    imp.header(&names)?;
    for batch in reader {
        let batch = batch.map_err(|e| Error::Io {
            message: format!("reading the Arrow stream: {e}"),
        })?;
        let getters: Vec<Getter<'_>> = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .map(|(f, c)| getter(f.name(), c.as_ref()))
            .collect::<Result<_>>()?;
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(getters.len());
        for i in 0..batch.num_rows() {
            cells.clear();
            cells.extend(getters.iter().map(|g| g(i)));
            imp.push_row(&cells)?;
        }
    }
    Ok(())
}

/// The cell reader of a column of `array`'s type, or the error naming the column.
fn getter<'a>(name: &str, array: &'a dyn Array) -> Result<Getter<'a>> {
    Ok(match array.data_type() {
        DataType::Null => Box::new(|_| Cell::Null),
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            Box::new(move |i| text(a.is_null(i), || a.value(i)))
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            Box::new(move |i| text(a.is_null(i), || a.value(i)))
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            Box::new(move |i| text(a.is_null(i), || a.value(i)))
        }
        DataType::Dictionary(_, _) => {
            let d = array.as_any_dictionary();
            let keys = d.keys();
            let values = d.values();
            let cell = getter(name, values.as_ref())?;
            let len = values.len();
            Box::new(move |i| match key_at(keys, i) {
                Some(k) if k < len => cell(k),
                _ => Cell::Null,
            })
        }
        DataType::Int8 => prim::<Int8Type>(array, |v| Cell::Int(v.into())),
        DataType::Int16 => prim::<Int16Type>(array, |v| Cell::Int(v.into())),
        DataType::Int32 => prim::<Int32Type>(array, |v| Cell::Int(v.into())),
        DataType::Int64 => prim::<Int64Type>(array, Cell::Int),
        DataType::UInt8 => prim::<UInt8Type>(array, |v| Cell::UInt(v.into())),
        DataType::UInt16 => prim::<UInt16Type>(array, |v| Cell::UInt(v.into())),
        DataType::UInt32 => prim::<UInt32Type>(array, |v| Cell::UInt(v.into())),
        DataType::UInt64 => prim::<UInt64Type>(array, Cell::UInt),
        DataType::Float16 => prim::<Float16Type>(array, |v| Cell::Float(v.to_f64())),
        DataType::Float32 => prim::<Float32Type>(array, |v| {
            // The f32's shortest decimal, not the binary value widened (0.449999988...).
            Cell::Float(v.to_string().parse().unwrap_or(f64::from(v)))
        }),
        DataType::Float64 => prim::<Float64Type>(array, Cell::Float),
        DataType::Decimal128(_, scale) => {
            let scale = *scale;
            prim::<Decimal128Type>(array, move |value| Cell::Decimal { value, scale })
        }
        DataType::Boolean => {
            let a = array.as_boolean();
            Box::new(move |i| {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Bool(a.value(i))
                }
            })
        }
        DataType::Date32 => prim::<Date32Type>(array, |d| day(i64::from(d))),
        DataType::Date64 => prim::<Date64Type>(array, |ms| day(ms.div_euclid(86_400_000))),
        DataType::Timestamp(unit, None) => {
            let per_day: i64 = match unit {
                TimeUnit::Second => 86_400,
                TimeUnit::Millisecond => 86_400_000,
                TimeUnit::Microsecond => 86_400_000_000,
                TimeUnit::Nanosecond => 86_400_000_000_000,
            };
            let of = move |v: i64| day(v.div_euclid(per_day));
            match unit {
                TimeUnit::Second => prim::<TimestampSecondType>(array, of),
                TimeUnit::Millisecond => prim::<TimestampMillisecondType>(array, of),
                TimeUnit::Microsecond => prim::<TimestampMicrosecondType>(array, of),
                TimeUnit::Nanosecond => prim::<TimestampNanosecondType>(array, of),
            }
        }
        other => return Err(Cell::unsupported(name, &other.to_string())),
    })
}

/// The dictionary key at `i` (`None` when null or negative). Read by its type rather than
/// with arrow's `normalized_keys`, which asserts on an empty dictionary.
fn key_at(keys: &dyn Array, i: usize) -> Option<usize> {
    fn at<T: ArrowPrimitiveType>(keys: &dyn Array, i: usize) -> Option<usize>
    where
        T::Native: TryInto<usize>,
    {
        let a = keys.as_primitive_opt::<T>()?;
        if i >= a.len() || a.is_null(i) {
            return None;
        }
        a.value(i).try_into().ok()
    }
    match keys.data_type() {
        DataType::Int8 => at::<Int8Type>(keys, i),
        DataType::Int16 => at::<Int16Type>(keys, i),
        DataType::Int32 => at::<Int32Type>(keys, i),
        DataType::Int64 => at::<Int64Type>(keys, i),
        DataType::UInt8 => at::<UInt8Type>(keys, i),
        DataType::UInt16 => at::<UInt16Type>(keys, i),
        DataType::UInt32 => at::<UInt32Type>(keys, i),
        DataType::UInt64 => at::<UInt64Type>(keys, i),
        _ => None,
    }
}

fn text<'a>(null: bool, value: impl FnOnce() -> &'a str) -> Cell<'a> {
    if null {
        Cell::Null
    } else {
        Cell::Text(value())
    }
}

/// The reader of a primitive column, each value mapped by `cell`.
fn prim<'a, T: ArrowPrimitiveType>(
    array: &'a dyn Array,
    cell: impl Fn(T::Native) -> Cell<'a> + 'a,
) -> Getter<'a> {
    let a = array.as_primitive::<T>();
    Box::new(move |i| {
        if a.is_null(i) {
            Cell::Null
        } else {
            cell(a.value(i))
        }
    })
}

/// The date `days` after 1970-01-01; beyond chrono's range, the day number itself.
fn day(days: i64) -> Cell<'static> {
    let date = NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::try_days(days)?));
    match date {
        Some(d) => Cell::Date(d),
        None => Cell::Int(days),
    }
}

/// Imports `data` (an Arrow stream) with `imp`, the GIL released while batches are read.
pub(crate) fn import(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    mut imp: MatrixImport,
) -> PyResult<(lineamientos::Matrix, lineamientos::ImportReport)> {
    let reader = stream_reader(data)?;
    py.detach(move || {
        feed(reader, &mut imp)?;
        imp.finish()
    })
    .py_err()
}
