//! What a result was computed from, in words: the one sentence that every rendered output
//! (pivot HTML, CSV and XLSX exports) carries, so that illustrative guidelines never pass
//! for the official text.

use super::Pins;
use crate::guidelines::Provenance;
use crate::i18n::Lang;

impl Pins {
    /// Whether the guidelines behind the result are illustrative.
    pub fn is_illustrative(&self) -> bool {
        self.provenance == Some(Provenance::Illustrative)
    }

    /// The provenance sentence in `lang`: the catalogue (version and short hash), the
    /// guideline set and whether it is official or illustrative, and the library version.
    ///
    /// ```
    /// use lineamientos::{Catalog, Lang};
    /// let pins = Catalog::embedded().pins_for("2023");
    /// let note = pins.note(Lang::En);
    /// assert!(note.contains("guidelines version 2023: ILLUSTRATIVE, not the official text"), "{note}");
    /// assert!(pins.note(Lang::Es).contains("lineamientos versión 2023: ILUSTRATIVOS, no son el texto oficial"));
    /// ```
    pub fn note(&self, lang: Lang) -> String {
        let hash = self
            .catalog_hash
            .strip_prefix("sha256:")
            .unwrap_or(&self.catalog_hash);
        let hash = hash.get(..12).unwrap_or(hash);
        let version = self
            .guideline_version
            .as_deref()
            .map(|v| match lang {
                Lang::Es => format!(" versión {v}"),
                Lang::En => format!(" version {v}"),
            })
            .unwrap_or_default();
        let guidelines = match (self.provenance, lang) {
            (Some(Provenance::Illustrative), Lang::Es) => {
                format!("; lineamientos{version}: ILUSTRATIVOS, no son el texto oficial")
            }
            (Some(Provenance::Illustrative), Lang::En) => {
                format!("; guidelines{version}: ILLUSTRATIVE, not the official text")
            }
            (Some(Provenance::Official), Lang::Es) => format!("; lineamientos{version}: oficiales"),
            (Some(Provenance::Official), Lang::En) => format!("; guidelines{version}: official"),
            (None, _) => String::new(),
        };
        match lang {
            Lang::Es => format!(
                "Fuente: catálogo {} ({hash}){guidelines}; biblioteca lineamientos {}.",
                self.catalog_version, self.library_version
            ),
            Lang::En => format!(
                "Source: catalogue {} ({hash}){guidelines}; lineamientos library {}.",
                self.catalog_version, self.library_version
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pins(provenance: Option<Provenance>, version: Option<&str>) -> Pins {
        Pins {
            catalog_version: "2025.1".into(),
            catalog_hash: "sha256:0123456789abcdef0123".into(),
            library_version: "9.9.9".into(),
            guideline_version: version.map(str::to_owned),
            provenance,
            rulesets: Vec::new(),
        }
    }

    #[test]
    fn the_note_says_what_the_guidelines_are() {
        assert_eq!(
            pins(Some(Provenance::Illustrative), Some("2023")).note(Lang::Es),
            "Fuente: catálogo 2025.1 (0123456789ab); lineamientos versión 2023: ILUSTRATIVOS, no son el texto oficial; biblioteca lineamientos 9.9.9."
        );
        assert_eq!(
            pins(Some(Provenance::Official), None).note(Lang::En),
            "Source: catalogue 2025.1 (0123456789ab); guidelines: official; lineamientos library 9.9.9."
        );
        assert_eq!(
            pins(Some(Provenance::Official), Some("2017")).note(Lang::Es),
            "Fuente: catálogo 2025.1 (0123456789ab); lineamientos versión 2017: oficiales; biblioteca lineamientos 9.9.9."
        );
        assert_eq!(
            pins(None, None).note(Lang::En),
            "Source: catalogue 2025.1 (0123456789ab); lineamientos library 9.9.9."
        );
        let mut short = pins(None, None);
        short.catalog_hash = "abc".into();
        assert!(short.note(Lang::En).contains("(abc)"));
        assert!(pins(Some(Provenance::Illustrative), None).is_illustrative());
        assert!(!pins(Some(Provenance::Official), None).is_illustrative());
        assert!(!pins(None, None).is_illustrative());
    }

    #[test]
    fn catalogue_pins_carry_the_provenance() {
        let cat = crate::Catalog::embedded();
        assert_eq!(cat.pins().provenance, Some(Provenance::Illustrative));
        assert_eq!(cat.pins().guideline_version, None);
        assert_eq!(
            cat.pins_for("2017").guideline_version.as_deref(),
            Some("2017")
        );
        assert_eq!(cat.pins_for("1999"), cat.pins());
        assert_eq!(crate::Catalog::empty().pins().provenance, None);
        let mut data = cat.data().clone();
        for s in &mut data.guideline_sets {
            s.provenance = Provenance::Official;
        }
        let official = crate::Catalog::from_data(data).unwrap();
        assert_eq!(official.pins().provenance, Some(Provenance::Official));
    }
}
