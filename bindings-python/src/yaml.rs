//! YAML rule files, converted to the JSON shape core reads (core itself reads only JSON).
//!
//! The same conversion as the JS package's `yamlToJson` (bindings-wasm/js/yaml.mjs), so that a
//! YAML file gives the same rule file in both: YAML 1.2 core schema for plain scalars
//! (`null`/`~`/empty, `true`/`false` in three casings, decimal/octal/hex integers, decimals,
//! no `.inf`/`.nan`), quoted and block scalars are text, keys are their text, integers and
//! decimals stay apart (`1` is an integer, `1.0` a decimal). Refused (`invalid_file`): syntax
//! errors, aliases (no expansion bombs), tags, duplicate keys, several documents, integers
//! beyond 64 bits; deeper than 64 levels is `limit_exceeded` (`json_depth`), as for JSON.

use lineamientos::Error;
use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

fn refused(message: String) -> Error {
    Error::InvalidFile {
        format: "yaml".into(),
        message,
    }
}

/// A container being filled, with the key waiting for its value (mappings).
enum Open {
    List(Vec<Value>),
    Map(Map<String, Value>, Option<String>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    documents: usize,
    done: Option<Value>,
    error: Option<Error>,
}

impl Builder {
    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Places a finished value in the open container (or as the document).
    fn put(&mut self, v: Value, at: Marker) {
        match self.stack.last_mut() {
            None => self.done = Some(v),
            Some(Open::List(items)) => items.push(v),
            Some(Open::Map(map, key)) => match key.take() {
                None => match v {
                    Value::String(k) if map.contains_key(&k) => self.fail(refused(format!(
                        "line {}, column {}: the key {k:?} appears twice",
                        at.line(),
                        at.col() + 1
                    ))),
                    Value::String(k) => *key = Some(k),
                    _ => self.fail(refused(format!(
                        "line {}, column {}: a key must be text",
                        at.line(),
                        at.col() + 1
                    ))),
                },
                Some(k) => {
                    map.insert(k, v);
                }
            },
        }
    }

    fn is_key_next(&self) -> bool {
        matches!(self.stack.last(), Some(Open::Map(_, None)))
    }

    fn open(&mut self, o: Open) {
        if self.is_key_next() {
            self.fail(refused("a key must be text, not a list or mapping".into()));
        }
        if self.stack.len() >= lineamientos::document::MAX_DEPTH {
            self.fail(lineamientos::document::depth_error());
        }
        self.stack.push(o);
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, at: Marker) {
        if self.error.is_some() {
            return;
        }
        let place = || format!("line {}, column {}", at.line(), at.col() + 1);
        match ev {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.fail(refused(format!("{}: one document per file", place())));
                }
            }
            Event::Alias(_) => self.fail(refused(format!("{}: aliases are not read", place()))),
            Event::Scalar(text, style, _, tag) => {
                if tag.is_some() {
                    return self.fail(refused(format!("{}: tags are not read", place())));
                }
                let value = if style != TScalarStyle::Plain || self.is_key_next() {
                    Value::String(text)
                } else {
                    match plain(&text) {
                        Ok(v) => v,
                        Err(m) => return self.fail(refused(format!("{}: {m}", place()))),
                    }
                };
                self.put(value, at);
            }
            Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) if tag.is_some() => {
                self.fail(refused(format!("{}: tags are not read", place())));
            }
            Event::SequenceStart(..) => self.open(Open::List(Vec::new())),
            Event::MappingStart(..) => self.open(Open::Map(Map::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Open::List(items)) => self.put(Value::Array(items), at),
                Some(Open::Map(map, _)) => self.put(Value::Object(map), at),
                None => {}
            },
            _ => {}
        }
    }
}

/// A plain scalar under the YAML 1.2 core schema.
fn plain(s: &str) -> Result<Value, String> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        _ => {}
    }
    let digits = |t: &str, ok: fn(char) -> bool| !t.is_empty() && t.chars().all(ok);
    let too_big = || format!("the integer {s} does not fit in 64 bits");
    if let Some(oct) = s
        .strip_prefix("0o")
        .filter(|t| digits(t, |c| c.is_digit(8)))
    {
        return i64::from_str_radix(oct, 8)
            .map(Value::from)
            .map_err(|_| too_big());
    }
    if let Some(hex) = s
        .strip_prefix("0x")
        .filter(|t| digits(t, |c| c.is_ascii_hexdigit()))
    {
        return i64::from_str_radix(hex, 16)
            .map(Value::from)
            .map_err(|_| too_big());
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits(unsigned, |c| c.is_ascii_digit()) {
        return s.parse::<i64>().map(Value::from).map_err(|_| too_big());
    }
    let lower = unsigned.to_ascii_lowercase();
    if lower == ".inf" || lower == ".nan" {
        return Err(format!("{s} is not a number JSON can hold"));
    }
    if is_decimal(unsigned) {
        return match s.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(format!("{s} is not a number JSON can hold")),
        };
    }
    Ok(Value::String(s.to_owned()))
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (the sign already removed).
fn is_decimal(s: &str) -> bool {
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => !frac.is_empty() && all_digits(frac),
        Some((int, frac)) => !int.is_empty() && all_digits(int) && all_digits(frac),
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// YAML text as the JSON-shaped value core reads.
pub(crate) fn to_json(text: &str) -> Result<Value, Error> {
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut b, true) {
        return Err(refused(e.to_string()));
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    Ok(b.done.unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        for (text, want) in [
            ("~", Value::Null),
            ("", Value::Null),
            ("TRUE", Value::Bool(true)),
            ("yes", Value::from("yes")),
            ("no", Value::from("no")),
            ("12", Value::from(12)),
            ("-3", Value::from(-3)),
            ("0o17", Value::from(15)),
            ("0x1F", Value::from(31)),
            ("1.0", Value::from(1.0)),
            (".5", Value::from(0.5)),
            ("1e3", Value::from(1000.0)),
            ("2024-06-01", Value::from("2024-06-01")),
            ("1.2.3", Value::from("1.2.3")),
        ] {
            assert_eq!(plain(text).unwrap(), want, "{text}");
        }
        assert!(plain(".inf").is_err());
        assert!(plain("99999999999999999999").is_err());
    }

    #[test]
    fn documents_convert_and_refuse_what_they_should() {
        let v = to_json("a: 1\nb: '1'\nc: [x, 2.5]\nd:\n  e: null\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": "1", "c": ["x", 2.5], "d": {"e": null}})
        );
        for bad in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "a: [1\n",
            "--- 1\n--- 2\n",
        ] {
            assert_eq!(to_json(bad).unwrap_err().code(), "invalid_file", "{bad}");
        }
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(to_json(&deep).unwrap_err().code(), "limit_exceeded");
    }
}
