//! A check that LaTeX → text kept every section it saw: each `\section`/`\subsection` heading
//! of the source must appear, in order, in the produced text, followed by most of its words.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::latex::{brace_arg, skip_opt_args, to_text};
use super::normalise;

/// Something the text stage noticed but could not fix: the text is usable, but may miss parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextWarning {
    pub kind: WarningKind,
    /// `file:line` of the section command in the source, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The section heading as text.
    pub section: String,
    /// Roughly how many characters of text the section should have but does not.
    pub lost_chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The heading is not in the text: the section (and often all after it) was swallowed.
    SectionMissing,
    /// The heading is there but most of the section's words are not.
    SectionTruncated,
}

impl std::fmt::Display for TextWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(p) = &self.place {
            write!(f, "{p}: ")?;
        }
        let what = match self.kind {
            WarningKind::SectionMissing => "missing from the text",
            WarningKind::SectionTruncated => "truncated in the text",
        };
        write!(
            f,
            "section \"{}\" {what} (about {} characters lost)",
            self.section, self.lost_chars
        )
    }
}

/// A sectioning command of the source body.
#[derive(Debug, Clone)]
struct SourceSection {
    /// The command and its argument as written (`\section{Training}`), to find its line.
    raw: String,
    heading: String,
    /// The body text from this command to the next (character range of the body).
    span: (usize, usize),
}

const SECTIONING: &[&str] = &["section", "subsection", "subsubsection"];

/// The titles of the `\subsection`s and `\subsubsection`s of a flattened LaTeX source, as
/// the text shows them: what a part of a section is about ("Training Time").
pub fn subsection_titles(flat: &str) -> Vec<String> {
    titles_of(flat, "\\sub")
}

/// The titles of the top-level `\section`s of a flattened LaTeX source, as the text shows
/// them: a reader of the text can tell these headings from prose whatever their case
/// ("Deep convolutional networks", "How invariant is the cepstrum ?").
pub fn section_titles(flat: &str) -> Vec<String> {
    titles_of(flat, "\\section")
}

/// The titles of the sectioning commands starting with `command`.
fn titles_of(flat: &str, command: &str) -> Vec<String> {
    let chars: Vec<char> = flat.chars().collect();
    source_sections(&chars)
        .into_iter()
        .filter(|s| s.raw.starts_with(command))
        .map(|s| s.heading)
        .collect()
}

/// The sections of a LaTeX body (comments already removed), in order.
fn source_sections(body: &[char]) -> Vec<SourceSection> {
    let mut found: Vec<(usize, String, String)> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        if body[i] != '\\' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < body.len() && body[j].is_ascii_alphabetic() {
            j += 1;
        }
        let name: String = body[i + 1..j].iter().collect();
        if j == i + 1 {
            // A control symbol (`\\`, `\%`): skip both characters.
            i += 2;
            continue;
        }
        if !SECTIONING.contains(&name.as_str()) {
            i = j;
            continue;
        }
        let k = skip_opt_args(body, j);
        let (arg, after) = brace_arg(body, k);
        if after == k {
            i = j;
            continue;
        }
        let heading = squash(&normalise(&to_text(&arg)));
        if !heading.is_empty() {
            let raw: String = body[i..after].iter().collect();
            found.push((i, raw, heading));
        }
        i = after;
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|(s, _, _)| *s)
        .chain([body.len()])
        .collect();
    found
        .into_iter()
        .zip(ends)
        .map(|((start, raw, heading), end)| SourceSection {
            raw,
            heading,
            span: (start, end),
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Arguments that never reach the text: citation keys, labels, file names.
static DROPPED_ARGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\(?:cite\w*|nocite|ref|eqref|autoref|[cC]ref|label|includegraphics|url|href|input|include|begin|end|bibliography\w*|usepackage|vspace|hspace|definecolor|color|textcolor|newcommand|renewcommand|setlength)\*?\s*(?:\[[^\]\n]{0,200}\])?\s*\{[^{}]{0,300}\}",
    )
    .expect("dropped args regex")
});

static MATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\$[^$]{0,400}\$|\\\[.{0,2000}?\\\]|\\\(.{0,400}?\\\)").expect("math regex")
});

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\?[A-Za-z]{4,}").expect("word regex"));

/// Distinct prose words (4+ letters, lower-cased) of a LaTeX fragment: macro names, dropped
/// arguments and math left out.
fn source_words(src: &str) -> HashSet<String> {
    let src = DROPPED_ARGS.replace_all(src, " ");
    let src = MATH.replace_all(&src, " ");
    WORD.find_iter(&src)
        .map(|m| m.as_str())
        .filter(|w| !w.starts_with('\\'))
        .map(str::to_lowercase)
        .collect()
}

fn text_words(text: &str) -> HashSet<String> {
    WORD.find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Below this share of a section's source words found in its text, the section is truncated.
const KEPT_MIN: f64 = 0.6;
/// Sections with fewer distinct words are not judged for truncation.
const WORDS_MIN: usize = 30;

/// Checks that `text` (the normalised output of `document_text(flat)`) kept every section of
/// `flat`. `files` are the files read, to give each warning a `file:line`.
pub fn check_sections(flat: &str, text: &str, files: &[PathBuf]) -> Vec<TextWarning> {
    let body = match flat.find("\\begin{document}") {
        Some(b) => {
            let s = b + "\\begin{document}".len();
            let e = flat[s..]
                .find("\\end{document}")
                .map_or(flat.len(), |e| s + e);
            &flat[s..e]
        }
        None => flat,
    };
    let chars: Vec<char> = body.chars().collect();
    let sections = source_sections(&chars);
    // The produced text with each line's white space collapsed; '\n' kept to prefer headings
    // that start a line (a heading word also appears in prose).
    let lines: String = text.lines().map(squash).collect::<Vec<_>>().join("\n");
    let flat_text = lines.replace('\n', " ");
    // Where each heading is in the text.
    let mut cursor = 0;
    let mut at: Vec<Option<usize>> = Vec::with_capacity(sections.len());
    for s in &sections {
        let mut first = None;
        let mut line_start = None;
        for (p, _) in flat_text[cursor..].match_indices(&s.heading) {
            let p = cursor + p;
            first.get_or_insert(p);
            if p == 0 || lines.as_bytes()[p - 1] == b'\n' {
                line_start = Some(p);
                break;
            }
        }
        let pos = line_start.or(first);
        if let Some(p) = pos {
            cursor = p + s.heading.len();
        }
        at.push(pos);
    }
    let mut out = Vec::new();
    for (n, s) in sections.iter().enumerate() {
        let src: String = chars[s.span.0..s.span.1].iter().collect();
        let expected = squash(&normalise(&to_text(&src))).len();
        let Some(p) = at[n] else {
            out.push(warning(WarningKind::SectionMissing, s, expected, files));
            continue;
        };
        let end = at[n + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(flat_text.len());
        let got = &flat_text[p..end.max(p)];
        let want = source_words(&src);
        if want.len() < WORDS_MIN {
            continue;
        }
        let have = text_words(got);
        let kept = want.iter().filter(|w| have.contains(*w)).count();
        if (kept as f64) < KEPT_MIN * want.len() as f64 {
            let lost = expected.saturating_sub(got.len()).max(1);
            out.push(warning(WarningKind::SectionTruncated, s, lost, files));
        }
    }
    out
}

fn warning(kind: WarningKind, s: &SourceSection, lost: usize, files: &[PathBuf]) -> TextWarning {
    TextWarning {
        kind,
        place: place_of(&s.raw, files),
        section: s.heading.clone(),
        lost_chars: lost,
    }
}

/// `file:line` of the first file whose text holds `raw`.
fn place_of(raw: &str, files: &[PathBuf]) -> Option<String> {
    files.iter().find_map(|f| {
        let text = std::fs::read_to_string(f).ok()?;
        let i = text.find(raw)?;
        let line = text[..i].matches('\n').count() + 1;
        Some(format!("{}:{line}", display(f)))
    })
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::document_text;

    fn check(flat: &str) -> Vec<TextWarning> {
        let text = normalise(&document_text(flat));
        check_sections(flat, &text, &[])
    }

    fn para(topic: &str) -> String {
        format!(
            "The {topic} paragraph explains several different ideas about music \
             recordings, annotated melodies, rhythmic patterns, harmonic progressions, \
             instrument timbres, listening experiments, evaluation protocols, baseline \
             systems, network architectures, optimisation schedules, spectrogram features, \
             augmentation strategies, validation splits, reproducibility concerns and \
             licensing questions.\n\n"
        )
    }

    #[test]
    fn top_level_section_titles_as_the_text_shows_them() {
        let flat = "\\section{Introduction}\\label{s:i} a \\subsection{Setup} b \\section*{How invariant is the {M}el cepstrum ?} c";
        assert_eq!(
            section_titles(flat),
            ["Introduction", "How invariant is the Mel cepstrum ?"]
        );
    }

    #[test]
    fn a_clean_document_has_no_warnings() {
        let flat = format!(
            "\\begin{{document}}\\section{{Introduction}}{}\\section{{Method}}{}\\subsection{{Training}}{}\\end{{document}}",
            para("first"),
            para("second"),
            para("third")
        );
        assert_eq!(check(&flat), []);
    }

    #[test]
    fn a_swallowed_section_is_reported_by_heading() {
        let text = "\\section{Introduction}\nSome words.\n\\section{Method}\nMore words.\n";
        let flat = format!("\\begin{{document}}{text}\\end{{document}}");
        // The text as a broken reader would produce it: everything after the first section
        // is gone.
        let w = check_sections(&flat, "Introduction\nSome words.\n", &[]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].kind, WarningKind::SectionMissing);
        assert_eq!(w[0].section, "Method");
        assert!(w[0].lost_chars > 0);
    }

    #[test]
    fn a_truncated_section_is_reported() {
        let flat = format!(
            "\\begin{{document}}\\section{{Method}}{}\\section{{Results}}{}\\end{{document}}",
            para("first"),
            para("second")
        );
        let w = check_sections(&flat, "Method\nThe first paragraph.\nResults\n", &[]);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().all(|w| w.kind == WarningKind::SectionTruncated));
    }

    #[test]
    fn the_place_is_the_file_and_line_of_the_command() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("exp.tex");
        std::fs::write(
            &f,
            "% notes\n\nIntro text.\n\\section{Experiments}\nWe train.\n",
        )
        .unwrap();
        let flat =
            "\\begin{document}Intro text.\n\\section{Experiments}\nWe train.\n\\end{document}";
        let w = check_sections(flat, "Intro text.\n", std::slice::from_ref(&f));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].place, Some(format!("{}:4", f.display())));
        assert!(w[0].to_string().contains("section \"Experiments\" missing"));
    }
}
