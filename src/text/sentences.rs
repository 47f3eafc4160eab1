//! Sentence splitting with character offsets, aware of abbreviations and decimals, so that
//! evidence can be quoted and located in its page.

/// A sentence of a page: `text` is `page[start..end]` (byte offsets) with inner line breaks
/// folded to spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "et al", "al", "fig", "figs", "eq", "eqs", "sec", "tab", "no", "vs", "approx",
    "ca", "cf", "resp", "etc", "dr", "prof", "mr", "ms", "st", "inc", "ltd", "univ", "dept", "ref",
    "refs", "vol", "pp", "ch", "appx", "est", "max", "min", "avg",
];

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = word.trim_start_matches('.').to_lowercase();
    // Single capital letters are initials ("A. Holzapfel").
    if w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    ABBREVIATIONS.contains(&w.as_str()) || before.to_lowercase().ends_with("et al")
}

/// Splits a page into sentences. A sentence ends at `.`, `!` or `?` followed by white space
/// and an upper-case letter, digit or opening bracket — unless the word before is an
/// abbreviation — and at blank lines (paragraph or table-row boundaries).
pub fn split_sentences(page: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes: Vec<(usize, char)> = page.char_indices().collect();
    let mut start = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let raw = &page[s..e];
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            let trail = raw.len() - raw.trim_end().len();
            out.push(Sentence {
                start: s + lead,
                end: e - trail,
                text,
            });
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        // Blank line: paragraph boundary.
        if c == '\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j].1 == ' ' || bytes[j].1 == '\t') {
                j += 1;
            }
            if j < bytes.len() && bytes[j].1 == '\n' {
                push(&mut out, start, pos);
                start = bytes[j].0;
                i = j;
                continue;
            }
        }
        if matches!(c, '.' | '!' | '?') {
            let next_ws = bytes
                .get(i + 1)
                .map(|b| b.1.is_whitespace())
                .unwrap_or(true);
            if next_ws {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].1.is_whitespace() {
                    j += 1;
                }
                let next = bytes.get(j).map(|b| b.1);
                let starts_new = next
                    .map(|n| n.is_uppercase() || n.is_ascii_digit() || n == '(' || n == '[')
                    .unwrap_or(true);
                if starts_new && !(c == '.' && is_abbreviation(&page[start..pos])) {
                    let end = pos + c.len_utf8();
                    push(&mut out, start, end);
                    start = bytes.get(j).map(|b| b.0).unwrap_or(page.len());
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    push(&mut out, start, page.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        split_sentences(s).into_iter().map(|x| x.text).collect()
    }

    #[test]
    fn splits_on_full_stops_but_not_abbreviations_or_decimals() {
        assert_eq!(
            texts("We used 2.5 GPUs, e.g. V100s. Training took 3 days (see Fig. 2). Done"),
            [
                "We used 2.5 GPUs, e.g. V100s.",
                "Training took 3 days (see Fig. 2).",
                "Done"
            ]
        );
        assert_eq!(
            texts("Smith et al. Trained it."),
            ["Smith et al. Trained it."]
        );
    }

    #[test]
    fn lines_are_folded_and_blank_lines_split() {
        assert_eq!(
            texts("trained on a\nsingle GPU\n\nTable 1"),
            ["trained on a single GPU", "Table 1"]
        );
    }

    #[test]
    fn offsets_point_into_the_page() {
        let page = "First one.  Second\none.";
        for s in split_sentences(page) {
            assert_eq!(
                page[s.start..s.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                s.text
            );
        }
    }
}
