//! National focal points (puntos focales / enlaces) and the follow-up of their turnover.
//!
//! Names and emails are personal data: `Debug` never shows them, diagnostics point at a
//! record by its index and institution only (a value that quotes a name or an email, or
//! looks like an email, is replaced with `<redacted>`, and so are the values quoted by the
//! parser's errors), and exports leave them out unless the caller passes
//! [`Privacy::IncludePersonalData`]. See `docs/privacy.md`.

mod coverage;
mod directory;
mod point;
mod redact;

pub use coverage::CoverageGap;
pub use directory::{ContactDue, FocalDirectory, InstitutionRef, Privacy};
pub use point::FocalPoint;
use redact::text as redact_text;
pub(crate) use redact::{personal_of, scrub};
