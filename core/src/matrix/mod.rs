//! The tracking matrix (matriz de seguimiento): what countries report, one [`Entry`] per row.

mod entry;

pub use entry::{Entry, Participants};
