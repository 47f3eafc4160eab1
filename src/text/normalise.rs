//! Text normalisation shared by every format: Unicode NFKC (ligatures ﬁ/ﬂ become fi/fl),
//! hyphenation at line ends joined, odd spaces and dashes made plain.

use unicode_normalization::UnicodeNormalization;

/// Normalises extracted text. Keeps `×` (papers write "8×"), maps `−` to `-`, `∼`/`˜` to `~`,
/// non-breaking and thin spaces to spaces, and joins words hyphenated across lines
/// ("com-\nputation" → "computation"), keeping real hyphens ("GPU-\nhours" stays "GPU-hours"
/// only when the next part starts with a capital or digit).
pub fn normalise(text: &str) -> String {
    // NFKC spells ™ and ℠ as letters glued to the name ("RTX™ 3090" → "RTXTM 3090"); the
    // marks say nothing, so they go first.
    let nfkc: String = text
        .chars()
        .filter(|c| !matches!(c, '™' | '℠'))
        .nfkc()
        .collect();
    let mut s = String::with_capacity(nfkc.len());
    for ch in nfkc.chars() {
        match ch {
            '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{2002}'
            | '\u{2003}' | '\u{205F}' => s.push(' '),
            '\u{2212}' | '\u{2010}' | '\u{2011}' => s.push('-'),
            '\u{2013}' => s.push('–'),
            '\u{223C}' | '\u{02DC}' | '\u{FF5E}' => s.push('~'),
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\r' => {}
            '\u{FFFD}' => s.push('?'),
            c => s.push(c),
        }
    }
    join_hyphenation(&s)
}

/// Joins "word-\nnext" into "wordnext" when `next` starts lower-case.
fn join_hyphenation(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-' && i > 0 && chars[i - 1].is_alphabetic() {
            // Look past the line break and any indentation.
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '\n' {
                let mut k = j + 1;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                if k < chars.len() && chars[k].is_lowercase() {
                    i = k;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Share of letters among non-space characters: low values mean garbage or no text layer.
pub fn letter_ratio(text: &str) -> f64 {
    let mut letters = 0usize;
    let mut total = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        letters as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trademark_signs_do_not_glue_letters_to_names() {
        assert_eq!(normalise("GeForce RTX™ 3090"), "GeForce RTX 3090");
        assert_eq!(normalise("NVIDIA® Tesla® V100"), "NVIDIA® Tesla® V100");
    }

    #[test]
    fn ligatures_spaces_and_minus_become_plain() {
        assert_eq!(normalise("e\u{FB03}cient \u{FB01}ne"), "efficient fine");
        assert_eq!(
            normalise("8\u{00A0}GPUs, \u{2212}3 dB, \u{223C}1 week"),
            "8 GPUs, -3 dB, ~1 week"
        );
        assert_eq!(normalise("4 × V100"), "4 × V100");
    }

    #[test]
    fn hyphenation_at_line_end_is_joined_only_before_lower_case() {
        assert_eq!(normalise("the com-\nputation took"), "the computation took");
        assert_eq!(normalise("Tesla-\n  V100"), "Tesla-\n  V100");
        assert_eq!(normalise("state-of-the-art"), "state-of-the-art");
    }

    #[test]
    fn letter_ratio_flags_garbage() {
        assert!(letter_ratio("Trained for three days.") > 0.8);
        assert!(letter_ratio("!!! ### 123 $$$") < 0.2);
        assert_eq!(letter_ratio("   "), 0.0);
    }
}
