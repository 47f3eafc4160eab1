//! Page 1 of a PDF or plain-text paper → affiliation candidates: the lines between the title
//! and the abstract (wrapped lines joined, consecutive lines of one address grouped), and
//! affiliation footnotes anywhere on the page ("1Google Brain, Mountain View, …").

use std::sync::OnceLock;

use regex::Regex;

use super::lines::{
    ends_with_country, has_gazetteer_evidence, is_affiliation, is_venue, split_line,
    starts_with_marker,
};
use super::Candidate;
use crate::reference::Gazetteer;

/// Lines of the author block are looked for in the first lines of the page only.
const MAX_HEADER_LINES: usize = 60;

/// A line that ends the author block: the abstract, keywords or the introduction.
fn end_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:abstract\b|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t\b|index terms\b|keywords\b|(?:\d\.?|i\.)?\s*introduction\s*$)",
        )
        .expect("valid regex")
    })
}

/// A paragraph of running text (the abstract of a paper without an "Abstract" heading).
fn is_paragraph(line: &str) -> bool {
    let l = line.to_lowercase();
    line.chars().count() > 300 && (l.contains(" the ") || l.contains(" we "))
}

/// Affiliation candidates of page 1.
pub fn candidates(g: &Gazetteer, page: &str) -> Vec<Candidate> {
    let lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    let end = lines
        .iter()
        .take(MAX_HEADER_LINES)
        .position(|l| end_re().is_match(l) || is_paragraph(l))
        .unwrap_or(lines.len().min(MAX_HEADER_LINES));
    let mut out = header(g, &lines[..end]);
    for l in &lines[end..] {
        if !starts_with_marker(l) {
            continue;
        }
        for p in split_line(g, l) {
            if is_affiliation(g, &p.text) && has_gazetteer_evidence(g, &p.text) {
                out.push(Candidate::one(p.text));
            }
        }
    }
    out
}

/// The author block between the title and the abstract.
fn header(g: &Gazetteer, lines: &[&str]) -> Vec<Candidate> {
    let content: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty() && !is_venue(l))
        .collect();
    // The title: the first line, and the capitalised lines continuing an all-caps title.
    let mut first = 0;
    if let Some(t) = content.first() {
        first = 1;
        if !t.chars().any(char::is_lowercase) {
            while content
                .get(first)
                .is_some_and(|l| !l.chars().any(char::is_lowercase) && !starts_with_marker(l))
            {
                first += 1;
            }
        }
    }
    let joined = join_wrapped(&content[first.min(content.len())..]);
    let mut out: Vec<Candidate> = Vec::new();
    // The block being built: its pieces, and whether it may take the next line's first piece.
    let mut open = false;
    for line in &joined {
        let pieces = split_line(g, line);
        let n = pieces.len();
        for (k, p) in pieces.into_iter().enumerate() {
            if !is_affiliation(g, &p.text) {
                open = false;
                continue;
            }
            let continues = open && k == 0 && !p.marked;
            match (continues, out.last_mut()) {
                (true, Some(c)) => c.parts.push(p.text.clone()),
                _ => out.push(Candidate::one(p.text.clone())),
            }
            // An address that ends with its country is complete; only a line's last piece
            // can continue on the next line.
            open = k + 1 == n && !ends_with_country(g, &p.text);
        }
    }
    out
}

/// Joins lines the PDF wrapped: a line ending with a comma, a hyphen or a function word, or
/// a next line starting in lower case.
fn join_wrapped(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut wrap = false;
    for l in lines {
        let t = l.trim();
        let starts_lower = t.starts_with(|c: char| c.is_lowercase());
        match out.last_mut() {
            Some(prev) if wrap || (starts_lower && !t.contains('@')) => {
                prev.push(' ');
                prev.push_str(t);
            }
            _ => out.push(t.to_string()),
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        let last_word = last.rsplit(' ').next().unwrap_or("");
        wrap = last.ends_with([',', '-', '&'])
            || matches!(
                last_word,
                "of" | "and" | "for" | "the" | "de" | "di" | "du" | "der" | "at" | "in" | "für"
            );
    }
    out
}
