//! National focal points (puntos focales / enlaces) and the follow-up of their turnover.
//!
//! Names and emails are personal data: `Debug` never shows them, diagnostics point at a
//! record by its index and institution only, and exports leave them out unless the caller
//! passes [`Privacy::IncludePersonalData`].

mod coverage;
mod directory;
mod point;

pub use coverage::CoverageGap;
pub use directory::{ContactDue, FocalDirectory, InstitutionRef, Privacy};
pub use point::FocalPoint;
