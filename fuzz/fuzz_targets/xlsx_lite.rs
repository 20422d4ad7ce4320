//! The size-made XLSX reader (core feature `xlsx-lite`, the WebAssembly spreadsheet module's)
//! against calamine's: any bytes as a workbook. It never panics, and where calamine reads
//! the workbook the lite reader gives the same matrix and the same report; where calamine
//! refuses it with `limit_exceeded` the lite reader does too. (Where calamine refuses a
//! file as `invalid_file` the lite reader may read more: calamine parses parts, such as the
//! fonts of styles.xml, that the import never uses.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::{Error, ImportOptions, Matrix};
use lineamientos_fuzz::{CATALOG, exercise_matrix};
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions::default();
    let lite = Matrix::read_xlsx_lite(Cursor::new(data), &CATALOG, &options);
    let native = Matrix::read_xlsx(Cursor::new(data), &CATALOG, &options);
    match (&native, &lite) {
        (Ok((m, report)), Ok((lm, lreport))) => {
            assert_eq!(report, lreport, "the reports differ");
            assert!(m.entries().eq(lm.entries()), "the matrices differ");
            exercise_matrix(lm);
        }
        (Ok(_), Err(e)) => panic!("calamine reads the workbook, the lite reader fails: {e}"),
        (Err(e @ Error::LimitExceeded { .. }), other) => {
            let lite_code = other.as_ref().err().map(Error::code);
            assert_eq!(Some(e.code()), lite_code, "calamine: {e}");
        }
        (Err(_), _) => {}
    }
});
