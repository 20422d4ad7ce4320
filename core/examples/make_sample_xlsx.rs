//! Writes `examples/data/matriz_seguimiento.xlsx`: a FICTITIOUS workbook (invented figures,
//! a fictitious institution) as a partner fills it in Excel
//! (a title row, real date cells, progress cells formatted as percentages, so they hold 0.45,
//! a notes column, one row with an unknown country). Used by `core/tests/matrix_samples.rs`.
//!
//! Run: `cargo run -p lineamientos --example make_sample_xlsx`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/matriz_seguimiento.xlsx");
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let pct = Format::new().set_num_format("0%");
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("Matriz 2024")?;
    ws.write_string_with_format(
        0,
        0,
        "Matriz de seguimiento - reporte país (datos ficticios de ejemplo)",
        &bold,
    )?;
    let header = [
        "ID",
        "País",
        "Institución informante",
        "Fecha de reporte",
        "Tipo de registro",
        "Título",
        "Eje temático",
        "Lineamientos",
        "Estado",
        "Avance (%)",
        "Mujeres",
        "Niñas",
        "Notas",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    let countries = [
        "Guatemala",
        "Honduras",
        "El Salvador",
        "Costa Rica",
        "Atlantis",
    ];
    let types = ["Buena práctica", "Avance", "Capacitación", "Campaña"];
    let axes = [
        ("VCM", "VCM-1"),
        ("EMP", "EMP-2"),
        ("NNA", "NNA-1; NNA-2"),
        ("SER", "SER-1"),
    ];
    for i in 0..15u32 {
        let r = i + 2;
        // Only one row names a country that does not exist (row 7 of the sheet).
        let country = if i == 4 {
            countries[4]
        } else {
            countries[(i % 4) as usize]
        };
        let (axis, gl) = axes[(i % 4) as usize];
        ws.write_string(r, 0, format!("XL-{:03}", i + 1))?;
        ws.write_string(r, 1, country)?;
        ws.write_string(r, 2, "Institución ficticia (ejemplo)")?;
        let d = ExcelDateTime::from_ymd(2024, (i % 12 + 1) as u8, 10)?;
        ws.write_datetime_with_format(r, 3, &d, &date)?;
        ws.write_string(r, 4, types[(i % 4) as usize])?;
        ws.write_string(r, 5, format!("Actividad {}", i + 1))?;
        ws.write_string(r, 6, axis)?;
        ws.write_string(r, 7, gl)?;
        ws.write_string(r, 8, if i % 3 == 0 { "Completada" } else { "En curso" })?;
        let progress = if i % 3 == 0 {
            1.0
        } else {
            f64::from(i * 5 % 90) / 100.0
        };
        ws.write_number_with_format(r, 9, progress, &pct)?;
        ws.write_number(r, 10, f64::from(20 + i))?;
        if i % 2 == 0 {
            ws.write_number(r, 11, f64::from(i))?;
        }
        if i % 5 == 0 {
            ws.write_string(r, 12, "pendiente de validar")?;
        }
    }
    book.save(&out)?;
    println!("wrote {}", out.display());
    Ok(())
}
