//! LaTeX front matter → affiliation candidates: `\author` (with `\\` lines and `\and`),
//! ISMIR's `\oneauthor`…`\multauthor`, IEEE `\name`/`\address` and `\IEEEauthorblockA`,
//! `\affiliation`, `\affil`, `\institute`, `\icmlaffiliation`, `\affiliations`, and
//! `\thanks` that say where an author "is with" (not where they are "now").

use std::sync::OnceLock;

use regex::Regex;

use super::lines::{cut_notes, drop_contacts, is_affiliation, is_venue, tidy};
use super::Candidate;
use crate::reference::Gazetteer;
use crate::text::{normalise, to_text};

/// Line breaks inside an argument.
const LINE: char = '\n';
/// A footnote marker: starts an affiliation.
const MARK: char = '\u{1}';
/// A column or author separator (`\and`, `\hspace`): ends one.
const COL: char = '\u{2}';

/// What a macro's arguments hold.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Names, maybe followed by affiliation lines (`\author`).
    Author,
    /// Affiliation text only.
    Affiliation,
    /// A `\thanks` note: an affiliation only when it says who "is with" what.
    Note,
}

/// The macros read: name, number of brace arguments, which of them are affiliations, kind.
fn macro_spec(name: &str) -> Option<(usize, Vec<usize>, Kind)> {
    let aff = Kind::Affiliation;
    Some(match name {
        "author" => (1, vec![0], Kind::Author),
        "affil" | "affiliation" | "address" | "institute" | "affiliations" | "IEEEauthorblockA" => {
            (1, vec![0], aff)
        }
        "icmlaffiliation" => (2, vec![1], aff),
        "thanks" | "sthanks" => (1, vec![0], Kind::Note),
        "multauthor" => (2, vec![1], aff),
        "oneauthor" => (2, vec![1], aff),
        "twoauthors" => (4, vec![1, 3], aff),
        "threeauthors" => (6, vec![1, 3, 5], aff),
        "fourauthors" => (8, vec![1, 3, 5, 7], aff),
        "fiveauthors" => (10, vec![1, 3, 5, 7, 9], aff),
        "sixauthors" => (12, vec![1, 3, 5, 7, 9, 11], aff),
        _ => return None,
    })
}

fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("valid regex"))
}

/// Superscript and footnote markers: `$^1$`, `$^{1,2}$`, `$^\dagger$`, `\textsuperscript{1}`,
/// `\inst{1}`, `\IEEEauthorrefmark{1}`, `\footnotemark[1]`, `\affmark[1]`, `\dagger`.
fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"\$\s*\^\s*(?:\{[^{}]*\}|\\[A-Za-z]+|.)\s*\$|\\textsuperscript\s*\{[^{}]*\}|\\(?:inst|IEEEauthorrefmark)\s*\{[^{}]*\}|\\(?:footnotemark|affmark)\s*(?:\[[^\]]*\])?|\^\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[0-9*])|\\(?:dagger|ddagger|ddag|ast|star|S|P|sharp|flat|natural)\b",
    )
}

/// Line breaks: `\\`, `\\[2pt]`, `\newline`, `\par`, `\cr`.
fn line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"\\\\\*?(?:\s*\[[^\]]*\])?|\\(?:newline|par|cr)\b")
}

/// Column and author separators: `\and`, `\And`, `\AND`, `\hspace{…}`, `\quad`, `\hfill`, `&`.
fn col_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"\\(?:and|And|AND|quad|qquad|hfill|enspace|emspace)\b|\\hspace\*?\s*\{[^{}]*\}|(?:^|[^\\])&",
    )
}

/// Parts of an address set as macros or keys (ACM `\institution{…}\city{…}`, Elsevier
/// `organization={…}, city={…}`): each starts a new comma part.
fn part_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"\\(?:institution|department|streetaddress|city|state|country|postcode|orgname|orgdiv|orgaddress|addressline)\b\s*(?:\[[^\]]*\])?|\b(?:organization|addressline|city|postcode|state|country)\s*=",
    )
}

/// Macros whose argument is dropped: names, emails, ORCIDs, links.
fn drop_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"\\(?:email|orcid|url|IEEEauthorblockN|icmlauthor|href)\s*\{[^{}]*\}",
    )
}

/// "A. Author is with the Department of …" (IEEE journals' `\thanks`).
fn is_with_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:is|are)\s+(?:also\s+)?(?:with|at)\s+(?:the\s+)?",
    )
}

/// "… is now with …": a later employer.
fn later_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"(?i)\b(?:now|currently|presently)\b")
}

/// Affiliation candidates of a flattened LaTeX source (comments already removed).
pub fn candidates(g: &Gazetteer, flat: &str) -> Vec<Candidate> {
    let front = front_matter(flat);
    let chars: Vec<char> = front.chars().collect();
    let mut out: Vec<Candidate> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\\' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        let name: String = chars[i + 1..j].iter().collect();
        let Some((n, which, kind)) = macro_spec(&name) else {
            i = j.max(i + 1);
            continue;
        };
        let (args, after) = brace_args(&chars, j, n);
        for (k, arg) in args.iter().enumerate() {
            if !which.contains(&k) {
                continue;
            }
            if kind == Kind::Note {
                if let Some(s) = stated_affiliation(arg) {
                    read_argument(g, &s, Kind::Affiliation, false, &mut out);
                }
            } else {
                read_argument(g, arg, kind, name == "affiliations", &mut out);
            }
        }
        // Nested macros (`\IEEEauthorblockA` in `\author`) are read on their own as well;
        // duplicates are removed later.
        i = if kind == Kind::Author {
            j
        } else {
            after.max(j)
        };
    }
    out
}

/// The preamble and the body up to the abstract or the first section.
fn front_matter(flat: &str) -> &str {
    let ends = [
        "\\begin{abstract}",
        "\\section",
        "\\abstract{",
        "\\begin{IEEEkeywords}",
    ];
    let mut end = flat.len();
    for e in ends {
        if let Some(p) = flat.find(e) {
            // An abstract in the preamble comes before \maketitle only in a few classes;
            // the author block is then before it too.
            end = end.min(p);
        }
    }
    &flat[..end]
}

/// Up to `n` brace arguments from `i`, skipping `*`, `[…]` options and white space between them.
fn brace_args(chars: &[char], mut i: usize, n: usize) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    for _ in 0..n {
        let k = crate::text::skip_opt_args(chars, i);
        let (arg, after) = crate::text::brace_arg(chars, k);
        if after == k {
            break;
        }
        out.push(arg);
        i = after;
    }
    (out, i)
}

/// Takes `\thanks{…}`-like notes out of `arg`: returns the argument without them, and the
/// affiliation a note states ("… is with the Department of X, Y") unless it is a later one.
fn take_notes(arg: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = arg.chars().collect();
    let mut rest = String::new();
    let mut stated = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            let tail: String = chars[i..chars.len().min(i + 40)].iter().collect();
            let head_len = ["thanks", "sthanks", "footnotetext", "footnote"]
                .iter()
                .find(|n| {
                    tail[1..].starts_with(**n)
                        && !tail[1 + n.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
                })
                .map(|n| n.chars().count() + 1);
            if let Some(h) = head_len {
                let (args, after) = brace_args(&chars, i + h, 1);
                if let Some(note) = args.first() {
                    stated.extend(stated_affiliation(note));
                }
                i = after.max(i + h);
                continue;
            }
        }
        rest.push(chars[i]);
        i += 1;
    }
    (rest, stated)
}

/// The affiliation a note states ("D. Tran is with the School of …"), unless it is a later
/// one ("… is now with …").
fn stated_affiliation(note: &str) -> Option<String> {
    let m = is_with_re().find(note)?;
    let head = &note[..m.end()];
    (!later_re().is_match(head) && m.start() < 80).then(|| note[m.end()..].to_string())
}

/// Reads one argument into candidates: columns (authors) → marked pieces → lines joined.
fn read_argument(g: &Gazetteer, arg: &str, kind: Kind, semicolons: bool, out: &mut Vec<Candidate>) {
    let (arg, stated) = take_notes(arg);
    for s in stated {
        read_argument(g, &s, Kind::Affiliation, false, out);
    }
    let mut s = drop_re().replace_all(&arg, " ").into_owned();
    s = part_re().replace_all(&s, ", ").into_owned();
    s = marker_re().replace_all(&s, MARK.to_string()).into_owned();
    s = line_re().replace_all(&s, LINE.to_string()).into_owned();
    s = col_re()
        .replace_all(&s, |c: &regex::Captures| {
            let m = c.get(0).map(|m| m.as_str()).unwrap_or("");
            // Keep the character before a `&` separator.
            let keep: String = m
                .chars()
                .take_while(|&ch| ch != '&' && ch != '\\')
                .collect();
            format!("{keep}{COL}")
        })
        .into_owned();
    if semicolons {
        s = s.replace(';', &COL.to_string());
    }
    for column in s.split(COL) {
        let mut pieces: Vec<&str> = column.split(MARK).collect();
        // Text before the first marker is a piece of its own only when it says something.
        if pieces.first().is_some_and(|p| p.trim().is_empty()) {
            pieces.remove(0);
        }
        for piece in pieces {
            let mut lines: Vec<String> = piece
                .split(LINE)
                .map(plain)
                .filter(|l| !l.is_empty() && !is_venue(l))
                .collect();
            if kind == Kind::Author {
                // The author's names come first.
                while lines.first().is_some_and(|l| !is_affiliation(g, l)) {
                    lines.remove(0);
                }
            }
            if lines.is_empty() {
                continue;
            }
            let c = Candidate { parts: lines };
            if is_affiliation(g, &c.text()) || c.parts.iter().any(|p| is_affiliation(g, p)) {
                out.push(c);
            }
        }
    }
}

/// LaTeX → plain text of one line, without contacts and notes.
fn plain(line: &str) -> String {
    let t = normalise(&to_text(line)).replace('\n', " ");
    tidy(&cut_notes(&drop_contacts(&t)))
}
