//! Languages and bilingual text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language in which labels and messages are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish, the working language of the CRM.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Parses `es`/`en` (any case, also `es-MX`, `en_US`, `spanish`, `english`, `español`);
    /// anything else is `invalid_value` for the argument `lang`.
    pub fn parse(s: &str) -> crate::Result<Self> {
        Self::from_tag(s).ok_or_else(|| {
            crate::Error::invalid_value("lang", Some(s.to_owned()), "a language (es or en)")
        })
    }

    /// The language of a tag or name, if it is one this library renders.
    pub(crate) fn from_tag(s: &str) -> Option<Self> {
        let key = crate::text::normalize_key(s);
        if key.starts_with("es") || key == "spanish" {
            Some(Lang::Es)
        } else if key.starts_with("en") || key == "english" || key == "ingles" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The ISO 639-1 code (`"es"` or `"en"`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

/// A text in Spanish and English (French optional).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Text {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
    /// French, where available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
}

impl Text {
    /// A text from its Spanish and English versions.
    pub fn new(es: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            es: es.into(),
            en: en.into(),
            fr: None,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}
