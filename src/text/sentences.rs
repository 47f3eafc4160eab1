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
    // Single capital letters are initials ("A. Holzapfel"); a lower-case one is a unit or a
    // word ("for 20 h. Fine-tuning …").
    let last: String = word.trim_start_matches('.').to_string();
    if last.chars().count() == 1 && last.chars().all(|c| c.is_uppercase()) {
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
        // A footnote set inline by the PDF reader: "… metrics on 4In the original paper [21],
        // …" — its marker glued to a capitalised word after a lower-case word starts a
        // sentence of its own (the footnote), and "… model.4 Table 1 shows" ends one.
        if let Some(marker) = footnote_marker(&bytes, i) {
            let (cut, resume) = marker;
            push(&mut out, start, cut);
            start = bytes[resume].0;
            i = resume;
            continue;
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

/// Words glued to a number that are units, not a footnote's first word ("4Gb", "50Hz").
const GLUED_UNITS: &[&str] = &[
    "Gb", "Mb", "Kb", "Tb", "Gbps", "Mbps", "Hz", "Wh", "Ah", "Pa", "Da", "Mi", "Gi", "Ki",
];

/// A footnote marker at char `i`: either white space then 1–2 digits glued to a capitalised
/// word, after a lower-case word ("on 4In the …"), or a full stop after a lower-case word
/// followed by 1–2 digits and a capitalised word ("model.4 Table"). Returns the byte where
/// the sentence before ends and the char index where the next one starts (after the marker).
fn footnote_marker(chars: &[(usize, char)], i: usize) -> Option<(usize, usize)> {
    let (pos, c) = chars[i];
    let prev = i.checked_sub(1).map(|k| chars[k].1)?;
    if !prev.is_lowercase() {
        return None;
    }
    let digits_from = match c {
        ' ' => i + 1,
        '.' => i + 1,
        _ => return None,
    };
    let mut j = digits_from;
    while j < chars.len() && chars[j].1.is_ascii_digit() && j - digits_from < 3 {
        j += 1;
    }
    let n = j - digits_from;
    if !(1..=2).contains(&n) {
        return None;
    }
    let glued_word = |k: usize| {
        let word: String = chars[k..]
            .iter()
            .map(|x| x.1)
            .take_while(|ch| ch.is_alphabetic())
            .collect();
        let mut w = word.chars();
        let ok = w.next().is_some_and(char::is_uppercase)
            && w.next().is_some_and(char::is_lowercase)
            && !GLUED_UNITS.contains(&word.as_str());
        ok.then_some(k)
    };
    match c {
        // "on 4In the original paper": the footnote starts at its first word.
        ' ' => glued_word(j).map(|k| (pos, k)),
        // "model.4 Table 1": the sentence ends at the stop, the next starts after the marker.
        _ => {
            let mut k = j;
            if chars.get(k).is_none_or(|x| x.1 != ' ') {
                return None;
            }
            while k < chars.len() && chars[k].1 == ' ' {
                k += 1;
            }
            glued_word(k).map(|k| (pos + 1, k))
        }
    }
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
    fn a_unit_letter_ends_a_sentence_an_initial_does_not() {
        assert_eq!(
            texts("It is trained on an A100 for 20 h. Fine-tuning takes 2 hours."),
            [
                "It is trained on an A100 for 20 h.",
                "Fine-tuning takes 2 hours."
            ]
        );
        assert_eq!(
            texts("As A. Holzapfel showed."),
            ["As A. Holzapfel showed."]
        );
    }

    #[test]
    fn inline_footnotes_are_sentences_of_their_own() {
        assert_eq!(
            texts("It fits this model.4 Table 1 shows the scores on 4In the original paper [21], X was trained on 4 V100 GPUs. We tried Y."),
            [
                "It fits this model.",
                "Table 1 shows the scores on",
                "In the original paper [21], X was trained on 4 V100 GPUs.",
                "We tried Y."
            ]
        );
        // Numbers glued to units, decimals and model names are not footnotes.
        assert_eq!(
            texts("It has 4Gb of memory at 50Hz on a RTX 3090 with 2.5 Tflops."),
            ["It has 4Gb of memory at 50Hz on a RTX 3090 with 2.5 Tflops."]
        );
        assert_eq!(
            texts("We used the v2.1 Release."),
            ["We used the v2.1 Release."]
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
