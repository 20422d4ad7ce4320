//! `lineamientos`: the command-line tool of the `lineamientos` library.
//!
//! Every argument and option value is read by the library (`lineamientos::args`, the options
//! readers of `RuleConfig`, `ImportOptions`, `PivotSpec`, `ReviewOptions`, `Lang`): this
//! program only gathers them into the JSON options object the library reads, runs it and
//! prints the result. See `docs/cli.md`.
//!
//! Exit status: 0 when no finding is at error level, 1 when some finding is, 2 on bad usage
//! or an input that cannot be read (the library's error code and message on one line).

mod cmd;
mod fail;
mod input;
mod render;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fail::Failure;
use lineamientos::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate work plans, import and pivot tracking matrices and review congress cycles of the
/// CRM guidelines on migrant women.
///
/// Exit status: 0 no finding at error level, 1 findings at error level, 2 bad usage or an
/// input that cannot be read.
#[derive(Debug, Parser)]
#[command(name = "lineamientos", version, max_term_width = 100)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Options of every subcommand.
#[derive(Debug, Args)]
struct Common {
    /// Language of messages and labels: es or en [default: es]
    #[arg(
        long,
        global = true,
        value_name = "LANG",
        help_heading = "Common options"
    )]
    lang: Option<String>,
    /// Output: text for people, json for programs
    #[arg(long, global = true, value_enum, default_value_t = Format::Text, help_heading = "Common options")]
    format: Format,
    /// Print nothing but fatal errors (text format); the exit status tells the result
    #[arg(long, short, global = true, help_heading = "Common options")]
    quiet: bool,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings as a compiler prints errors, tables as text.
    Text,
    /// One JSON document on standard output.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the congress cycle's systematization report (HTML, Markdown, CSV/XLSX tables);
    /// without an input, on the bundled illustrative cycle
    Report(ReportArgs),
    /// Validate work plans (several together: schedule overlaps between them)
    Validate(ValidateArgs),
    /// Import a tracking matrix (CSV or XLSX): accounting and findings
    Import(ImportArgs),
    /// Aggregate a tracking matrix into a pivot table, with disclosure control
    Pivot(PivotArgs),
    /// Summary of the catalogue (embedded or an agency's), with sources
    Catalog(CatalogArgs),
    /// Review a congress cycle against the tracking matrix and the focal points
    Review(ReviewArgs),
}

/// `validate PLAN.json...`
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Work plans (JSON)
    #[arg(required = true, value_name = "PLAN.json")]
    pub plans: Vec<PathBuf>,
    /// The date that counts as today, YYYY-MM-DD [default: the --rules file's as_of, else today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Rule configuration (JSON: rules, max_event_days, review_interval_days, as_of)
    #[arg(long, value_name = "RULES.json")]
    pub rules: Option<PathBuf>,
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
    /// Also merge the plans into the general plan and print its findings and coverage
    #[arg(long)]
    pub merge: bool,
}

/// Options of reading a tracking matrix (the library's `ImportOptions`).
#[derive(Debug, Args)]
pub struct ImportFlags {
    /// Reject rows that have warnings too
    #[arg(long)]
    pub strict: bool,
    /// Keep at most N findings (null: all) [default: 10000]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_diagnostics: Option<String>,
    /// Refuse a file with more than N data rows
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_rows: Option<String>,
    /// Refuse a file larger than N bytes
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_bytes: Option<String>,
    /// CSV delimiter [default: detected among , ; and tab]
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// XLSX worksheet [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Guideline version of axis and item codes [default: the catalogue's current one]
    #[arg(long, value_name = "VERSION")]
    pub guideline_version: Option<String>,
}

/// `import MATRIX`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tracking matrix: .csv, or a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods)
    #[arg(value_name = "MATRIX")]
    pub matrix: PathBuf,
    /// How the matrix is read.
    #[command(flatten)]
    pub import: ImportFlags,
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
    /// Write the accepted entries to FILE (.csv or .xlsx), headers in --lang
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `pivot MATRIX`
#[derive(Debug, Args)]
pub struct PivotArgs {
    /// Tracking matrix: .csv, or a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods)
    #[arg(value_name = "MATRIX")]
    pub matrix: PathBuf,
    /// Row dimensions: country, axis, guideline, entry_type, status, stage, institution,
    /// period, congress_cycle (repeat or separate with commas)
    #[arg(long, value_name = "DIM", value_delimiter = ',')]
    pub rows: Vec<String>,
    /// Column dimensions (as --rows)
    #[arg(long, value_name = "DIM", value_delimiter = ',')]
    pub cols: Vec<String>,
    /// count, distinct_countries, distinct_institutions, participants, participants_women,
    /// participants_men, participants_girls, participants_boys, participants_unspecified,
    /// mean_progress, min_progress, max_progress, last_progress [default: count]
    #[arg(long, value_name = "MEASURE")]
    pub measure: Option<String>,
    /// Period unit of the period dimension: month, quarter, semester, year [default: year]
    #[arg(long, value_name = "UNIT")]
    pub period: Option<String>,
    /// Disclosure control: withhold counts of people below K (with secondary suppression)
    #[arg(long, value_name = "K", allow_negative_numbers = true)]
    pub suppress_below: Option<String>,
    /// Count only entries marked approved
    #[arg(long)]
    pub approved_only: bool,
    /// Write the table to FILE (.csv, .xlsx or .html), labels in --lang
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// How the matrix is read.
    #[command(flatten)]
    pub import: ImportFlags,
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
}

/// `catalog`
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
}

/// `review CYCLE.json`
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The cycle document (JSON)
    #[arg(value_name = "CYCLE.json")]
    pub cycle: PathBuf,
    /// The tracking matrix (.csv or a workbook: .xlsx, .xlsm, .xlsb, .xls, .ods); its entries of the cycle's period are the reports
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// The focal points (JSON array); names and emails are never printed
    #[arg(long, value_name = "FILE")]
    pub focal_points: Option<PathBuf>,
    /// The date that counts as today, YYYY-MM-DD (required, unless the --rules file has as_of)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Review options (JSON: rules, behind_target_margin, follow_up_interval_days,
    /// confirm_focal_points, confirm_interval_days, ...)
    #[arg(long, value_name = "RULES.json")]
    pub rules: Option<PathBuf>,
    /// Let attendance at events confirm focal points
    #[arg(long)]
    pub confirm_focal_points: bool,
    /// How the matrix is read.
    #[command(flatten)]
    pub import: ImportFlags,
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
}

/// `report [CYCLE_DIR | CYCLE.json]`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A cycle directory (cycle.json, matrix.csv or a workbook matrix.xlsx/.xls/.ods/..., focal_points.json) or a
    /// cycle document; without it, the bundled illustrative cycle (fictitious data)
    #[arg(value_name = "CYCLE_DIR|CYCLE.json")]
    pub input: Option<PathBuf>,
    /// The tracking matrix (.csv or a workbook: .xlsx, .xlsm, .xlsb, .xls, .ods), instead of the directory's
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// The focal points (JSON array), instead of the directory's; names and emails are
    /// never written
    #[arg(long, value_name = "FILE")]
    pub focal_points: Option<PathBuf>,
    /// The congress edition (a number or a Roman numeral), when the cycle document has none
    #[arg(long, value_name = "N")]
    pub congress: Option<String>,
    /// The date the figures are as of, YYYY-MM-DD [default: today; the bundled cycle: 2024-06-30]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Counts of people below K are protected [default: 5]
    #[arg(long, value_name = "K")]
    pub suppress_below: Option<String>,
    /// Report options (JSON: rules, behind_target_margin, follow_up_interval_days,
    /// suppress_below, ...)
    #[arg(long, value_name = "OPTIONS.json")]
    pub rules: Option<PathBuf>,
    /// Let attendance at events confirm focal points
    #[arg(long)]
    pub confirm_focal_points: bool,
    /// Where to write the report [default: report]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// How the matrix is read.
    #[command(flatten)]
    pub import: ImportFlags,
    /// An agency's catalogue (JSON) instead of the embedded one
    #[arg(long, value_name = "CATALOG.json")]
    pub catalog: Option<PathBuf>,
}

/// What every command knows: the language, the format, quietness.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// Language of messages and labels.
    pub lang: Lang,
    /// Text or JSON.
    pub format: Format,
    /// No text output but fatal errors.
    pub quiet: bool,
}

/// The result of a command that ran: whether some finding is at error level.
pub struct Outcome {
    /// Some finding is at error level (exit status 1).
    pub errors: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let format = cli.common.format;
    let quiet = cli.common.quiet;
    // The language is read by the library like any option; until it is known, errors are
    // printed in the default language.
    let lang = match input::lang(cli.common.lang.as_deref()) {
        Ok(lang) => lang,
        Err(f) => return fatal(&f, format, Lang::default()),
    };
    let ctx = Ctx {
        lang,
        format,
        quiet,
    };
    let result = match &cli.command {
        Command::Validate(a) => cmd::validate::run(a, ctx),
        Command::Import(a) => cmd::import::run(a, ctx),
        Command::Pivot(a) => cmd::pivot::run(a, ctx),
        Command::Catalog(a) => cmd::catalog::run(a, ctx),
        Command::Review(a) => cmd::review::run(a, ctx),
        Command::Report(a) => cmd::report::run(a, ctx),
    };
    match result {
        Ok(Outcome { errors: false }) => ExitCode::SUCCESS,
        Ok(Outcome { errors: true }) => ExitCode::from(1),
        Err(f) => fatal(&f, format, lang),
    }
}

/// Prints a fatal error (stderr as text; with `--format json` also as JSON on stdout) and
/// returns status 2.
fn fatal(f: &Failure, format: Format, lang: Lang) -> ExitCode {
    if format == Format::Json {
        render::write_stdout(&render::json_text(&f.to_json(lang)));
    }
    render::write_stderr(&f.render(lang));
    ExitCode::from(2)
}
