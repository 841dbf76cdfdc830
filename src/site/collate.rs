//! Alphabetical order the way readers of the site's language expect it.
//!
//! Vietnamese orders a, ă, â, b, c, d, đ, e, ê…, with tones after the letter; byte order
//! and English collation both get it wrong. ICU4X's collator knows it.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;

/// Compares strings in a language's alphabetical order.
pub(crate) struct Alphabet {
    collator: CollatorBorrowed<'static>,
}

impl Alphabet {
    /// The order of `language` (`vi`, `en`); the root order if ICU does not know it.
    pub(crate) fn new(language: &str) -> Alphabet {
        let prefs = language.parse::<Locale>().map(|l| CollatorPreferences::from(&l)).unwrap_or_default();
        let collator = Collator::try_new(prefs, CollatorOptions::default())
            .or_else(|_| Collator::try_new(CollatorPreferences::default(), CollatorOptions::default()))
            .expect("ICU4X ships compiled data for the root collation");
        Alphabet { collator }
    }

    /// Compares two strings.
    pub(crate) fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
        self.collator.compare(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_in_order() {
        let vi = Alphabet::new("vi");
        let mut words = vec!["đồng", "em", "an", "dân", "ăn", "ân", "bé", "ấm"];
        words.sort_by(|a, b| vi.compare(a, b));
        assert_eq!(words, vec!["an", "ăn", "ấm", "ân", "bé", "dân", "đồng", "em"]);
    }
}
