//! A deterministic generator of large, realistic tracking-matrix CSV files (Spanish headers,
//! `;`, dd/mm/yyyy dates, names instead of codes, multi-valued cells), shared by the
//! criterion benchmark and the `import_bench` example.

use std::io::Write;

/// A small linear congruential generator: deterministic, no dependency.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        let i = (self.next() as usize) % xs.len().max(1);
        xs.get(i).copied().unwrap_or("")
    }
}

const COUNTRIES: &[&str] = &[
    "Guatemala",
    "México",
    "Honduras",
    "El Salvador",
    "Costa Rica",
    "Panamá",
    "República Dominicana",
    "Belice",
    "Nicaragua",
    "Canadá",
    "Estados Unidos",
    "Colombia",
];
const INSTITUTIONS: &[&str] = &[
    "Secretaría de la Mujer",
    "Ministerio de Trabajo",
    "Instituto de Migración",
    "Cancillería",
    "Defensoría del Pueblo",
    "Ministerio de Salud",
    "Instituto Nacional de las Mujeres",
    "Ministerio de Educación",
];
const TYPES: &[&str] = &[
    "Buena práctica",
    "Avance",
    "Capacitación",
    "Campaña",
    "Cambio normativo",
    "Caso de éxito",
    "Investigación",
    "Evento",
];
const AXES: &[&str] = &[
    "VCM", "EMP", "CUI", "SER", "PRO", "TRA", "DAT", "NNA", "RET", "FOR",
];
const STATUS: &[&str] = &["En curso", "Completada", "Planificada", "Cancelada"];
const STAGES: &[&str] = &[
    "Origen",
    "Tránsito",
    "Destino",
    "Retorno",
    "Origen|Destino",
    "",
];

/// The header line.
pub const HEADER: &str = "ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;Lineamientos;Actividad del plan;Etapas;Estado;Avance (%);Mujeres;Hombres;Niñas;Niños;Aprobado\n";

/// Writes `rows` data rows (plus the header) to `out`.
pub fn write_csv(out: &mut impl Write, rows: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Lcg::new(seed);
    out.write_all(HEADER.as_bytes())?;
    let mut line = String::with_capacity(256);
    for i in 0..rows {
        line.clear();
        let axis = rng.pick(AXES);
        let item = 1 + rng.next() % 2;
        let day = 1 + rng.next() % 28;
        let month = 1 + rng.next() % 12;
        let year = 2019 + rng.next() % 6;
        let status = rng.pick(STATUS);
        let progress = match status {
            "Completada" => 100,
            "Planificada" => 0,
            // multiples of 5 between 5 and 95: no bare 1 (an ambiguous percentage)
            _ => 5 + 5 * (rng.next() % 19),
        };
        use std::fmt::Write as _;
        let _ = writeln!(
            line,
            "E{i:07};{};{};{day:02}/{month:02}/{year};{};Actividad {};{axis};{axis}-{item};ACT-{};{};{status};{progress};{};{};{};{};{}",
            rng.pick(COUNTRIES),
            rng.pick(INSTITUTIONS),
            rng.pick(TYPES),
            rng.next() % 100_000,
            rng.next() % 50_000,
            rng.pick(STAGES),
            rng.next() % 200,
            rng.next() % 80,
            rng.next() % 30,
            rng.next() % 30,
            if rng.next() % 3 == 0 { "no" } else { "sí" },
        );
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
