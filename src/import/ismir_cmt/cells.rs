//! `AuthorDetails` cells: `Name (Affiliation)*; Name (Affiliation); …` with CMT's quirks.

/// One author as the export lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmtAuthor {
    pub name: String,
    pub affiliation: String,
    pub corresponding: bool,
}

/// Splits an `AuthorDetails` cell into authors. Never fails: oddities become warnings.
pub fn parse_author_details(cell: &str, expected: Option<usize>) -> (Vec<CmtAuthor>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut entries = split_entries(cell, true);
    if let Some(n) = expected {
        if entries.len() != n {
            // Try the plain readings; keep whichever agrees with the author list.
            let plain = split_entries(cell, false);
            let naive: Vec<String> = cell
                .split(';')
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
                .collect();
            if plain.len() == n {
                entries = plain;
            } else if naive.len() == n {
                entries = naive;
            } else {
                warnings.push(format!(
                    "AuthorNames lists {n} authors, AuthorDetails gives {}",
                    entries.len()
                ));
            }
        }
    }
    let authors = entries
        .iter()
        .enumerate()
        .filter_map(|(k, e)| {
            let (a, w) = parse_entry(e);
            warnings.extend(w.into_iter().map(|w| format!("author {}: {w}", k + 1)));
            a
        })
        .collect();
    (authors, warnings)
}

/// Splits at `;` outside parentheses. With `repair`, a `;` inside an unclosed parenthesis
/// still splits when what follows looks like the next author ("Name (" before any ")"):
/// that is the missing-`)` quirk, not a `;` inside an affiliation.
fn split_entries(cell: &str, repair: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth: usize = 0;
    let chars: Vec<char> = cell.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            ';' if repair && next_is_author(&chars[i + 1..]) => {
                depth = 0;
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// Does `rest` start like "Jane Doe (…"? A short run of name words, then `(`, with no `)`
/// before it.
fn next_is_author(rest: &[char]) -> bool {
    let Some(open) = rest.iter().position(|&c| c == '(') else {
        return false;
    };
    let head: String = rest[..open].iter().collect();
    let words = head.split_whitespace().count();
    !rest[..open].contains(&')')
        && !rest[..open].contains(&';')
        && (1..=6).contains(&words)
        && head
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn parse_entry(entry: &str) -> (Option<CmtAuthor>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut e = entry.trim();
    let mut corresponding = false;
    while let Some(rest) = e.strip_suffix('*') {
        corresponding = true;
        e = rest.trim_end();
    }
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = e.find('(') else {
        if e.is_empty() {
            return (None, warnings);
        }
        warnings.push(format!("{:?} has no affiliation in parentheses", clean(e)));
        return (
            Some(CmtAuthor {
                name: clean(e),
                affiliation: String::new(),
                corresponding,
            }),
            warnings,
        );
    };
    let name = clean(&e[..open]);
    let inner = &e[open + 1..];
    let affiliation = match inner.rfind(')') {
        Some(close) => {
            let tail = inner[close + 1..].trim();
            if !tail.is_empty() {
                warnings.push(format!("text after the affiliation ignored: {tail:?}"));
            }
            &inner[..close]
        }
        None => {
            warnings.push(format!("{name}: missing ')' after the affiliation"));
            inner
        }
    };
    (
        Some(CmtAuthor {
            name,
            affiliation: clean(affiliation),
            corresponding,
        }),
        warnings,
    )
}
