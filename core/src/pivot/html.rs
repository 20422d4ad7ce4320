//! The cross table as HTML: what a notebook shows (Python's `_repr_html_`) and what a web page
//! embeds (JS `pivotHtml`), rendered once here so both show the same table.

use super::PivotTable;
use crate::i18n::Lang;

/// HTML-escapes text (`&`, `<`, `>`, `"`, `'`): for the HTML the library renders, and for
/// the bindings' notebook views.
///
/// ```
/// assert_eq!(lineamientos::pivot::escape_html("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A cell value as the table shows it: whole numbers without decimals, others with two.
fn number(v: Option<f64>) -> String {
    v.map(|x| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            format!("{x:.2}")
        }
    })
    .unwrap_or_default()
}

impl PivotTable {
    /// The cross table as an HTML `<table class="lineamientos-pivot">`: labels in `lang`,
    /// suppressed cells as `*`, row and column totals and the grand total in bold, and a
    /// `<caption>` with the provenance ([`Pins::note`](crate::Pins::note)), of class
    /// `lineamientos-provenance illustrative` when the guidelines are illustrative so that a
    /// page can style it as a banner.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Lang, Matrix, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje\nMX;A;2024-01-02;Evento;t;En curso;VCM\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// let html = m.pivot(&PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]))?.to_html(Lang::En);
    /// assert!(html.starts_with("<table class=\"lineamientos-pivot\"><caption class=\"lineamientos-provenance illustrative\">Source: catalogue "));
    /// assert!(html.contains("ILLUSTRATIVE, not the official text; lineamientos library "));
    /// assert!(html.contains("</caption><thead><tr><th>Country</th>"));
    /// assert!(html.contains("<th>Mexico</th><td>1</td><td><b>1</b></td>"));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn to_html(&self, lang: Lang) -> String {
        let class = if self.pins.is_illustrative() {
            "lineamientos-provenance illustrative"
        } else {
            "lineamientos-provenance"
        };
        let mut out = format!(
            "<table class=\"lineamientos-pivot\"><caption class=\"{class}\">{}</caption><thead><tr>",
            escape_html(&self.pins.note(lang))
        );
        for d in &self.row_dims {
            out.push_str(&format!("<th>{}</th>", escape_html(d.label(lang))));
        }
        for k in &self.cols {
            let label: Vec<&str> = k.iter().map(|p| p.label(lang)).collect();
            let label = if label.is_empty() {
                self.measure.code().to_owned()
            } else {
                label.join(" / ")
            };
            out.push_str(&format!("<th>{}</th>", escape_html(&label)));
        }
        out.push_str("<th>Total</th></tr></thead><tbody>");
        for (r, key) in self.rows.iter().enumerate() {
            out.push_str("<tr>");
            for p in key {
                out.push_str(&format!("<th>{}</th>", escape_html(p.label(lang))));
            }
            for c in 0..self.cols.len() {
                let text = match self.cell(r, c) {
                    Some(cell) if cell.suppressed => "*".to_owned(),
                    Some(cell) => number(cell.value),
                    None => String::new(),
                };
                out.push_str(&format!("<td>{}</td>", escape_html(&text)));
            }
            let total = self.row_totals.get(r).and_then(|x| x.value);
            out.push_str(&format!("<td><b>{}</b></td></tr>", number(total)));
        }
        out.push_str("<tr>");
        if !self.row_dims.is_empty() {
            out.push_str("<th>Total</th>");
            for _ in 1..self.row_dims.len() {
                out.push_str("<th></th>");
            }
        }
        for tot in &self.col_totals {
            out.push_str(&format!("<td><b>{}</b></td>", number(tot.value)));
        }
        out.push_str(&format!(
            "<td><b>{}</b></td></tr></tbody></table>",
            number(self.grand_total.value)
        ));
        out
    }
}
