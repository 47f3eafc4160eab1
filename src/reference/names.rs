//! Names as comparable words (institutions, places, affiliation strings): accents folded,
//! case kept aside, stop words marked. The gazetteer keys its tables with these and
//! the geo module reads affiliations with the same ones, so both sides compare equal.

use unicode_normalization::UnicodeNormalization;

/// One word or separator of an affiliation string, with its place in the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The comparable form: lower case, accents folded, spelling variants unified
    /// ("Universität" → "university"); empty for separators.
    pub key: String,
    /// The text as written (for case checks: acronyms, state abbreviations).
    pub raw: String,
    /// Byte offsets of `raw` in the original string.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// A function word ("of", "de", "the") left out of phrase keys, so that "Universidad de
    /// Alicante" and "University of Alicante" compare equal.
    Stop,
    /// Punctuation that may separate affiliations (`;`, `|`, `/`) or address parts (`,`).
    Sep(char),
}

/// Folds a string to lower-case ASCII-ish letters: NFKD, combining marks dropped, and the
/// letters NFKD leaves alone mapped by hand (ß, ł, ø, æ, đ, ı).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Spelling variants that name the same thing in the languages of the field.
fn unify(word: &str) -> &str {
    match word {
        // Words that are one country's own ("Uniwersytet", "Universiti") are kept: they are
        // evidence of that country (see `places.csv`, kind demonym).
        "univ" | "uni" | "universitat" | "universite" | "universidad" | "universita"
        | "universiteit" | "universidade" | "universitaet" | "universitet" | "universiy"
        | "unversity" | "universty" | "univeristy" => "university",
        "st" | "sankt" | "ste" => "saint",
        "und" | "et" => "and",
        "natl" => "national",
        "technol" => "technology",
        "inst" => "institute",
        _ => word,
    }
}

/// Function words that carry no identity in names ("University of X" = "University X").
fn is_stop(word: &str) -> bool {
    matches!(
        word,
        "of" | "de"
            | "di"
            | "da"
            | "del"
            | "della"
            | "des"
            | "du"
            | "der"
            | "degli"
            | "dei"
            | "delle"
            | "do"
            | "dos"
            | "das"
            | "the"
            | "zu"
            | "at"
            | "in"
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into words and separators. Apostrophes inside words are dropped ("King's" →
/// "kings", "Xi’an" → "xian"); hyphens, dots and other punctuation split words; `&` is the
/// word "and".
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            let start = i;
            let mut end = i + c.len_utf8();
            let mut raw = String::from(c);
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    raw.push(d);
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '\'' | '’' | 'ʼ' | '`') {
                    // An apostrophe joins two word parts only when a letter follows.
                    let mut look = chars.clone();
                    look.next();
                    match look.peek() {
                        Some(&(_, e)) if is_word_char(e) => {
                            chars.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let folded = fold(&raw);
            let key = unify(&folded).to_string();
            let kind = if is_stop(&key) {
                TokenKind::Stop
            } else {
                TokenKind::Word
            };
            out.push(Token {
                key,
                raw,
                start,
                end,
                kind,
            });
        } else if c == '&' || c == '+' {
            out.push(Token {
                key: "and".into(),
                raw: c.to_string(),
                start: i,
                end: i + c.len_utf8(),
                kind: TokenKind::Word,
            });
        } else if matches!(c, ';' | '|' | '/' | ',' | '\n' | '\t') {
            let sep = if c == '\n' { ';' } else { c };
            out.push(Token {
                key: String::new(),
                raw: c.to_string(),
                start: i,
                end: i + c.len_utf8(),
                kind: TokenKind::Sep(sep),
            });
        }
    }
    out
}

/// The phrase key of a name as the gazetteer stores it: its words' keys joined by spaces,
/// stop words left out ("Université de Lille" → "university lille").
pub fn phrase_key(name: &str) -> String {
    tokenize(name)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters and digits of `s` as written (case kept), for comparing acronyms: "UPV/EHU" →
/// "UPVEHU", "A*STAR" → "ASTAR".
pub fn acronym_letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_special_letters() {
        assert_eq!(
            fold("Zürich Łódź Tromsø Straße"),
            "zurich lodz tromso strasse"
        );
        assert_eq!(
            fold("École Polytechnique Fédérale"),
            "ecole polytechnique federale"
        );
    }

    #[test]
    fn names_in_several_languages_share_a_key() {
        assert_eq!(phrase_key("Universidad de Alicante"), "university alicante");
        assert_eq!(phrase_key("University of Alicante"), "university alicante");
        assert_eq!(phrase_key("Universität Würzburg"), "university wurzburg");
        assert_eq!(
            phrase_key("The University  of Sheffield"),
            "university sheffield"
        );
        assert_eq!(
            phrase_key("Xi’an Jiaotong University"),
            "xian jiaotong university"
        );
        assert_eq!(
            phrase_key("Xi'an Jiaotong University"),
            "xian jiaotong university"
        );
        assert_eq!(phrase_key("King's College London"), "kings college london");
        assert_eq!(phrase_key("St. Andrews"), "saint andrews");
    }

    #[test]
    fn separators_and_offsets_are_kept() {
        let t = tokenize("UPF/Huawei; QMUL, UK");
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Sep('/'),
                TokenKind::Word,
                TokenKind::Sep(';'),
                TokenKind::Word,
                TokenKind::Sep(','),
                TokenKind::Word
            ]
        );
        assert_eq!(&"UPF/Huawei; QMUL, UK"[t[4].start..t[4].end], "QMUL");
        assert_eq!(acronym_letters("UPV/EHU"), "UPVEHU");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "   ",
            "'",
            "’’’",
            "a'",
            "((()))",
            "\u{0301}",
            "ǅ",
            "𝔘𝔫𝔦",
        ] {
            let _ = tokenize(s);
            let _ = phrase_key(s);
        }
    }
}
