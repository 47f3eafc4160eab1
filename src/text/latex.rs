//! LaTeX sources: find the main file, follow `\input`/`\include`/`\subfile`, drop comments and
//! `comment` environments, and turn the markup into readable text.

use std::path::{Path, PathBuf};

use super::TextError;

const MAX_DEPTH: usize = 16;

/// The main `.tex` of a folder: the one with `\documentclass` (preferring main/paper names and
/// files with `\begin{document}`).
pub fn find_main(dir: &Path) -> Result<PathBuf, TextError> {
    let mut candidates = Vec::new();
    collect_tex(dir, 0, &mut candidates);
    candidates.sort();
    let mut best: Option<(i32, PathBuf)> = None;
    for p in candidates {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let body = strip_comments(&text);
        if !body.contains("\\documentclass") {
            continue;
        }
        let name = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_lowercase();
        let mut score = 0;
        if body.contains("\\begin{document}") {
            score += 4;
        }
        if ["main", "paper", "ms", "manuscript", "article"].contains(&name.as_str()) {
            score += 2;
        }
        // Shallower files are more likely the entry point.
        score -= p.components().count() as i32 / 4;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, p));
        }
    }
    best.map(|(_, p)| p).ok_or_else(|| {
        TextError::Latex(format!(
            "no .tex file with \\documentclass under {}",
            dir.display()
        ))
    })
}

fn collect_tex(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_tex(&p, depth + 1, out);
        } else if p.extension().is_some_and(|x| x == "tex") {
            out.push(p);
        }
    }
}

/// Removes `%` comments (an unescaped `%` to the end of the line, with the line break, as TeX
/// does), `comment` environments and `\iffalse … \fi` blocks.
pub fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut cut = None;
        let mut backslashes = 0;
        for (i, c) in line.char_indices() {
            if c == '%' && backslashes % 2 == 0 {
                cut = Some(i);
                break;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        match cut {
            // A comment also swallows the line break; keep one space so words do not merge
            // unless the comment starts the line.
            Some(0) => {}
            Some(i) => out.push_str(&line[..i]),
            None => out.push_str(line),
        }
    }
    let out = remove_blocks(&out, "\\begin{comment}", "\\end{comment}");
    remove_blocks(&out, "\\iffalse", "\\fi")
}

fn remove_blocks(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        // `\iffalse` must not match `\iffalseflag`.
        let after = &rest[i + open.len()..];
        if open == "\\iffalse" && after.starts_with(|c: char| c.is_alphabetic()) {
            out.push_str(&rest[..i + open.len()]);
            rest = after;
            continue;
        }
        match after.find(close) {
            Some(j) => {
                out.push_str(&rest[..i]);
                rest = &after[j + close.len()..];
            }
            // Unclosed: TeX would stop with an error; keeping the text loses nothing.
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads `main` and inlines `\input{}`, `\include{}`, `\subfile{}` (relative to the main file's
/// folder, `.tex` added when missing), comments removed. Missing inputs are noted inline.
pub fn flatten(main: &Path) -> Result<String, TextError> {
    flatten_with_files(main).map(|(flat, _)| flat)
}

/// [`flatten`], and the files read (the main file first).
pub fn flatten_with_files(main: &Path) -> Result<(String, Vec<PathBuf>), TextError> {
    let base = main.parent().unwrap_or(Path::new(".")).to_path_buf();
    let text = std::fs::read_to_string(main)
        .map_err(|e| TextError::Io(format!("{}: {e}", main.display())))?;
    let mut seen = vec![main.to_path_buf()];
    let flat = inline(&strip_comments(&text), &base, 0, &mut seen);
    Ok((flat, seen))
}

fn inline(text: &str, base: &Path, depth: usize, seen: &mut Vec<PathBuf>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["\\input", "\\include", "\\subfile"]
            .iter()
            .filter_map(|cmd| rest.find(cmd).map(|i| (i, *cmd)))
            .min();
        let Some((i, cmd)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let after = &rest[i + cmd.len()..];
        // `\includegraphics`, `\inputencoding`: not file inclusions.
        if after.starts_with(|c: char| c.is_alphabetic()) {
            out.push_str(cmd);
            rest = after;
            continue;
        }
        let trimmed = after.trim_start();
        let (arg, consumed) = if let Some(b) = trimmed.strip_prefix('{') {
            match b.find('}') {
                Some(j) => (
                    b[..j].trim().to_string(),
                    after.len() - trimmed.len() + 1 + j + 1,
                ),
                None => (String::new(), after.len()),
            }
        } else {
            // `\input file` without braces: up to white space.
            let j = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            (trimmed[..j].to_string(), after.len() - trimmed.len() + j)
        };
        rest = &after[consumed.min(after.len())..];
        if arg.is_empty() {
            continue;
        }
        let mut path = base.join(&arg);
        if path.extension().is_none() || !path.exists() {
            let with_ext = base.join(format!("{arg}.tex"));
            if with_ext.exists() {
                path = with_ext;
            }
        }
        if depth >= MAX_DEPTH || seen.contains(&path) {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(sub) => {
                seen.push(path.clone());
                let sub = strip_comments(&sub);
                // A subfile is a whole document: keep its body only.
                let body = match (sub.find("\\begin{document}"), sub.rfind("\\end{document}")) {
                    (Some(a), Some(b)) if a < b => {
                        sub[a + "\\begin{document}".len()..b].to_string()
                    }
                    _ => sub,
                };
                out.push_str(&inline(&body, base, depth + 1, seen));
                out.push('\n');
            }
            Err(_) => {
                out.push_str(&format!("\n[missing input: {arg}]\n"));
            }
        }
    }
}

/// Commands whose arguments are dropped entirely.
const DROP_WITH_ARGS: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citeauthor",
    "citeyear",
    "ref",
    "eqref",
    "autoref",
    "cref",
    "Cref",
    "label",
    "includegraphics",
    "bibliography",
    "bibliographystyle",
    "vspace",
    "hspace",
    "setlength",
    "addtolength",
    "usepackage",
    "documentclass",
    "newcommand",
    "renewcommand",
    "def",
    "pagestyle",
    "thispagestyle",
    "setcounter",
    "addbibresource",
    "definecolor",
    "captionsetup",
    "hypersetup",
    "linenumbers",
    "nocite",
    "input",
    "todo",
];

/// Symbol commands and their text.
const SYMBOLS: &[(&str, &str)] = &[
    ("times", "×"),
    ("sim", "~"),
    ("approx", "≈"),
    ("le", "≤"),
    ("leq", "≤"),
    ("ge", "≥"),
    ("geq", "≥"),
    ("cdot", "·"),
    ("pm", "±"),
    ("mu", "μ"),
    ("textasciitilde", "~"),
    ("%", "%"),
    ("&", "&"),
    ("_", "_"),
    ("#", "#"),
    ("$", "$"),
    ("{", "{"),
    ("}", "}"),
    ("ldots", "..."),
    ("dots", "..."),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("item", "\n- "),
    ("par", "\n\n"),
    ("newline", "\n"),
    ("and", ", "),
    ("AND", ", "),
    ("quad", " "),
    ("qquad", " "),
    ("ref", ""),
];

/// The longest footnote read as one (characters); a longer or unclosed one stays inline.
const MAX_FOOTNOTE: usize = 4000;

/// Commands that take `[…]` optional arguments, possibly after white space. Any other command
/// takes one only when `[` follows it directly and never in math (`$t \in [0,T)$`).
const OPT_ARG_COMMANDS: &[&str] = &[
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
    "chapter",
    "caption",
    "footnote",
    "footnotetext",
    "parbox",
    "makebox",
    "framebox",
    "raisebox",
    "title",
    "author",
    "thanks",
];

/// Environments whose content is typeset as is: kept verbatim, never read as markup.
const VERBATIM_ENVS: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "alltt",
    "BVerbatim",
    "LVerbatim",
];

/// Environments that are math: inside them `[` and `(` are only brackets.
const MATH_ENVS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "alignat",
    "alignat*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "math",
    "displaymath",
    "flalign",
    "flalign*",
];

/// How far (in characters) an argument may reach for its closing bracket or brace before the
/// reader decides the bracket was text: an unclosed `[` or `{` must not swallow the paper.
const MAX_OPT_ARG: usize = 400;
const MAX_DROPPED_ARG: usize = 2000;

/// The document's readable text: the body (from `\begin{document}` when present) with markup
/// removed, title/author/abstract kept, table rows one per line (`&` → ` | `).
///
/// Robust to broken or unusual input: brackets in math are text, an optional argument never
/// runs past a paragraph break or [`MAX_OPT_ARG`] characters, unknown commands and
/// environments keep their text, verbatim material is kept as written.
pub fn to_text(flat: &str) -> String {
    let mut s = String::with_capacity(flat.len());
    let chars: Vec<char> = flat.chars().collect();
    let mut i = 0;
    // Inline math (`$…$`, `\(…\)`) and display math (`$$`, `\[…\]`, math environments).
    let mut math = false;
    // Footnotes waiting for the end of their paragraph.
    let mut footnotes: Vec<String> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        // A blank line ends the paragraph: its footnotes follow it.
        if c == '\n' && !footnotes.is_empty() && s.ends_with('\n') {
            s.push('\n');
            for f in footnotes.drain(..) {
                s.push_str(f.trim());
                s.push_str("\n\n");
            }
        }
        match c {
            '\\' => {
                let mut j = i + 1;
                if j < chars.len() && !chars[j].is_alphabetic() {
                    // Control symbol: \\, \%, \&, \, …
                    let sym = chars[j];
                    if sym == '\\' {
                        // A row or line break: one newline, absorbing `[2pt]` and the source's own.
                        s.push('\n');
                        let mut k = j + 1;
                        if k < chars.len() && chars[k] == '*' {
                            k += 1;
                        }
                        k = skip_length_arg(&chars, k);
                        while k < chars.len() && (chars[k] == ' ' || chars[k] == '\t') {
                            k += 1;
                        }
                        if k < chars.len() && chars[k] == '\n' {
                            k += 1;
                        }
                        i = k;
                        continue;
                    }
                    match sym {
                        ',' | ';' | ':' | ' ' | '!' => s.push(' '),
                        '%' | '&' | '_' | '#' | '$' | '{' | '}' => s.push(sym),
                        '[' | '(' => math = true,
                        ']' | ')' => math = false,
                        _ => {}
                    }
                    i = j + 1;
                    continue;
                }
                while j < chars.len() && chars[j].is_alphabetic() {
                    j += 1;
                }
                let name: String = chars[i + 1..j].iter().collect();
                if name == "verb" {
                    if let Some((text, after)) = verb_arg(&chars, j) {
                        s.push_str(&text);
                        i = after;
                        continue;
                    }
                }
                // Skip a star and optional [..] arguments.
                let mut k = j;
                if k < chars.len() && chars[k] == '*' {
                    k += 1;
                }
                if name == "begin" || name == "end" {
                    // \begin{env}: drop the env name (and a table spec after it).
                    let Some((env, after)) = brace_arg_within(&chars, k, 100) else {
                        i = k;
                        continue;
                    };
                    let env = env.trim().to_string();
                    if MATH_ENVS.contains(&env.as_str()) {
                        math = name == "begin";
                    }
                    if name == "begin" && VERBATIM_ENVS.contains(&env.as_str()) {
                        let (text, after) = verbatim_env(&chars, after, &env);
                        s.push('\n');
                        s.push_str(&text);
                        s.push('\n');
                        i = after;
                        continue;
                    }
                    // Float placement and list options: \begin{table}[th]
                    i = if name == "begin" {
                        skip_opt_args(&chars, after)
                    } else {
                        after
                    };
                    if name == "begin" && (env.starts_with("tabular") || env == "array") {
                        // The column spec, after a position argument: [c]{l|cc}
                        i = skip_opt_args(&chars, i);
                        let after2 = brace_arg_within(&chars, i, MAX_OPT_ARG).map_or(i, |a| a.1);
                        i = if env == "tabular*" {
                            brace_arg_within(&chars, after2, MAX_OPT_ARG).map_or(after2, |a| a.1)
                        } else {
                            after2
                        };
                    }
                    if env == "abstract" && name == "begin" {
                        s.push_str("\nAbstract\n");
                    }
                    s.push('\n');
                    continue;
                }
                // A footnote is read after its paragraph, as a paragraph of its own: inline it
                // would split its host sentence ("on 2× V100\footnote{We also tried a K80}.").
                if name == "footnote" || name == "footnotetext" {
                    let p = skip_opt_args(&chars, k);
                    if let Some((arg, after)) = brace_arg_within(&chars, p, MAX_FOOTNOTE) {
                        footnotes.push(to_text(&arg));
                        i = after;
                        continue;
                    }
                }
                if DROP_WITH_ARGS.contains(&name.as_str()) {
                    let p = skip_opt_args(&chars, k);
                    // An unclosed `{` drops nothing: its text is kept instead of the rest of
                    // the paper lost.
                    i = brace_arg_within(&chars, p, MAX_DROPPED_ARG).map_or(p, |(_, a)| a);
                    continue;
                }
                if let Some((_, t)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
                    s.push_str(t);
                    i = k;
                    // A control word eats following spaces; keep one when text follows.
                    if i < chars.len() && chars[i] == ' ' && !t.is_empty() && !t.ends_with('\n') {
                        s.push(' ');
                    }
                    while i < chars.len() && chars[i] == ' ' {
                        i += 1;
                    }
                    if i + 1 < chars.len() && chars[i] == '{' && chars[i + 1] == '}' {
                        i += 2;
                    }
                    continue;
                }
                if name == "href" {
                    i = brace_arg_within(&chars, k, MAX_DROPPED_ARG).map_or(k, |(_, a)| a);
                    continue;
                }
                // Sectioning and formatting: keep the argument text.
                i = if OPT_ARG_COMMANDS.contains(&name.as_str()) {
                    skip_opt_args(&chars, k)
                } else if math || k >= chars.len() || chars[k] != '[' {
                    // `\in [0,T)`, `\cdot [x]`, `\foo [3]`: brackets are text.
                    k
                } else {
                    skip_opt_args(&chars, k)
                };
                if matches!(
                    name.as_str(),
                    "section" | "subsection" | "subsubsection" | "paragraph" | "title" | "caption"
                ) {
                    s.push('\n');
                }
                continue;
            }
            '$' => {
                if i + 1 < chars.len() && chars[i + 1] == '$' {
                    i += 1;
                }
                math = !math;
                i += 1;
                continue;
            }
            '{' | '}' => {
                i += 1;
                continue;
            }
            '~' => s.push(' '),
            '&' => s.push_str(" | "),
            _ => s.push(c),
        }
        i += 1;
    }
    for f in footnotes.drain(..) {
        s.push_str("\n\n");
        s.push_str(f.trim());
        s.push('\n');
    }
    // Collapse runs of spaces on each line; keep paragraph breaks.
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            blank += 1;
            if blank == 1 {
                out.push('\n');
            }
            continue;
        }
        blank = 0;
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// `\verb|text|` (any delimiter, `\verb*` too) starting after `verb`: the text and the index
/// after the closing delimiter. None when the delimiter does not close on the same line.
fn verb_arg(chars: &[char], mut i: usize) -> Option<(String, usize)> {
    if i < chars.len() && chars[i] == '*' {
        i += 1;
    }
    let delim = *chars.get(i)?;
    if delim.is_alphabetic() || delim.is_whitespace() {
        return None;
    }
    let start = i + 1;
    let mut j = start;
    while j < chars.len() && chars[j] != '\n' {
        if chars[j] == delim {
            return Some((chars[start..j].iter().collect(), j + 1));
        }
        j += 1;
    }
    None
}

/// The content of a verbatim environment starting after `\begin{env}` (its options and, for
/// `minted`, its language argument skipped): the text and the index after `\end{env}`. An
/// unclosed environment runs to the end, as in TeX.
fn verbatim_env(chars: &[char], mut i: usize, env: &str) -> (String, usize) {
    if env != "verbatim" && env != "verbatim*" {
        i = skip_opt_args(chars, i);
    }
    if env == "minted" {
        i = brace_arg_within(chars, i, 100).map_or(i, |(_, a)| a);
    }
    let close: Vec<char> = format!("\\end{{{env}}}").chars().collect();
    let mut j = i;
    while j + close.len() <= chars.len() {
        if chars[j..j + close.len()] == close[..] {
            return (chars[i..j].iter().collect(), j + close.len());
        }
        j += 1;
    }
    (chars[i.min(chars.len())..].iter().collect(), chars.len())
}

/// After `\\`: skips a `[2pt]`-like length argument, and nothing else (`\\ [0,1] is …`).
fn skip_length_arg(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (chars[j] == ' ' || chars[j] == '\t') {
        j += 1;
    }
    if j >= chars.len() || chars[j] != '[' {
        return i;
    }
    let Some(end) = (j + 1..chars.len().min(j + 40)).find(|&k| chars[k] == ']') else {
        return i;
    };
    let inner: String = chars[j + 1..end].iter().collect();
    let inner = inner.trim();
    let is_length = inner
        .trim_start_matches(['-', '+'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim()
        .trim_start_matches('\\')
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        && inner.chars().any(|c| c.is_ascii_alphabetic());
    if is_length {
        end + 1
    } else {
        i
    }
}

/// Skips a star and `[..]` optional arguments starting at `i` (after white space). A `[`
/// whose `]` is not found within [`MAX_OPT_ARG`] characters, or only after a paragraph break,
/// is not an argument: it is left in place.
pub(crate) fn skip_opt_args(chars: &[char], mut i: usize) -> usize {
    loop {
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        if j == i && j < chars.len() && chars[j] == '*' {
            i = j + 1;
            continue;
        }
        if j < chars.len() && chars[j] == '[' {
            match opt_arg_end(chars, j) {
                Some(end) => i = end,
                None => return i,
            }
        } else {
            return i;
        }
    }
}

/// The index after the `]` closing the `[` at `open`, balancing `[]` and `{}` and skipping
/// escaped characters; None past a paragraph break or [`MAX_OPT_ARG`] characters.
fn opt_arg_end(chars: &[char], open: usize) -> Option<usize> {
    let mut brackets = 0usize;
    let mut braces = 0usize;
    let mut j = open;
    let limit = chars.len().min(open + MAX_OPT_ARG);
    while j < limit {
        match chars[j] {
            '\\' => {
                j += 2;
                continue;
            }
            '{' => braces += 1,
            '}' => {
                if braces == 0 {
                    // The enclosing group ends first: `{\foo[x}`.
                    return None;
                }
                braces -= 1;
            }
            '[' if braces == 0 => brackets += 1,
            ']' if braces == 0 => {
                brackets -= 1;
                if brackets == 0 {
                    return Some(j + 1);
                }
            }
            '\n' if is_paragraph_break(chars, j) => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// A line break followed by a blank line.
fn is_paragraph_break(chars: &[char], nl: usize) -> bool {
    let mut k = nl + 1;
    while k < chars.len() && (chars[k] == ' ' || chars[k] == '\t' || chars[k] == '\r') {
        k += 1;
    }
    k < chars.len() && chars[k] == '\n'
}

/// Reads a `{…}` argument at `i` (after spaces), balancing braces. Returns (content, index after).
/// An argument never closed runs to the end of the text.
pub(crate) fn brace_arg(chars: &[char], i: usize) -> (String, usize) {
    let j = skip_spaces(chars, i);
    if j >= chars.len() || chars[j] != '{' {
        return (String::new(), i);
    }
    match closing_brace(chars, j, chars.len()) {
        Some(end) => (chars[j + 1..end].iter().collect(), end + 1),
        None => (chars[j + 1..].iter().collect(), chars.len()),
    }
}

/// [`brace_arg`] that gives up (None) when there is no `{` at `i` or its `}` is not within
/// `max` characters: the caller then keeps the text instead of dropping the rest.
fn brace_arg_within(chars: &[char], i: usize, max: usize) -> Option<(String, usize)> {
    let j = skip_spaces(chars, i);
    if j >= chars.len() || chars[j] != '{' {
        return None;
    }
    let end = closing_brace(chars, j, (j + max).min(chars.len()))?;
    Some((chars[j + 1..end].iter().collect(), end + 1))
}

fn skip_spaces(chars: &[char], mut j: usize) -> usize {
    while j < chars.len() && chars[j].is_whitespace() {
        j += 1;
    }
    j
}

/// The index of the `}` closing the `{` at `open`, looking no further than `limit`; escaped
/// braces do not count.
fn closing_brace(chars: &[char], open: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = open;
    while j < limit {
        match chars[j] {
            '\\' => {
                j += 2;
                continue;
            }
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// Front-matter commands whose arguments carry the title and the author block.
const FRONT_MATTER: &[&str] = &[
    "\\title",
    "\\author",
    "\\oneauthor",
    "\\twoauthors",
    "\\threeauthors",
    "\\fourauthors",
    "\\multauthor",
    "\\affiliations",
    "\\affiliation",
    "\\name",
    "\\address",
    "\\institute",
    "\\institution",
    "\\email",
];

/// The readable text of a flattened document: the title and author block from the preamble
/// (many templates set them there), then the body up to `\end{document}`.
pub fn document_text(flat: &str) -> String {
    let Some(b) = flat.find("\\begin{document}") else {
        return to_text(flat);
    };
    let pre = &flat[..b];
    let body_start = b + "\\begin{document}".len();
    let body_end = flat[body_start..]
        .find("\\end{document}")
        .map(|e| body_start + e)
        .unwrap_or(flat.len());
    let mut head = String::new();
    let chars: Vec<char> = pre.chars().collect();
    let pre_idx: Vec<usize> = pre.char_indices().map(|(i, _)| i).collect();
    for cmd in FRONT_MATTER {
        let mut from = 0;
        while let Some(pos) = pre[from..].find(cmd) {
            let at = from + pos;
            from = at + cmd.len();
            if pre[from..].starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            // Character index of the end of the command name.
            let ci = pre_idx.partition_point(|&x| x < from);
            let mut k = skip_opt_args(&chars, ci);
            loop {
                let (arg, after) = brace_arg(&chars, k);
                if after == k {
                    break;
                }
                head.push_str(&arg);
                head.push('\n');
                k = skip_opt_args(&chars, after);
            }
        }
    }
    to_text(&format!("{head}\n{}", &flat[body_start..body_end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_follow_their_paragraph() {
        let t = to_text("Fine-tuning takes 2 hours on 2 V100\\footnote{We also tried a K80.}.\nMore text.\n\nNext paragraph.");
        assert_eq!(
            t,
            "Fine-tuning takes 2 hours on 2 V100.\nMore text.\n\nWe also tried a K80.\n\nNext paragraph.\n"
        );
        // At the end of the document too.
        assert!(to_text("Trained on a GPU\\footnote{A K80.}.").ends_with("A K80.\n"));
    }

    #[test]
    fn comments_are_dropped_but_escaped_percent_kept() {
        let t = strip_comments("trained 50\\% faster % on 8 V100\nnext\n%whole line\nend");
        assert_eq!(t, "trained 50\\% faster next\nend");
        let t = strip_comments("a\n\\begin{comment}\n8 GPUs\n\\end{comment}\nb\\iffalse x \\fi c");
        assert_eq!(t, "a\n\nb c");
        // An unclosed block is kept rather than dropping the rest of the paper.
        let t = strip_comments("a \\iffalse b\n\\section{C} d");
        assert_eq!(t, "a \\iffalse b\n\\section{C} d");
    }

    #[test]
    fn markup_becomes_text() {
        let t = to_text(
            "\\begin{document}We train on $8\\times$ \\textbf{Tesla V100} GPUs for $\\sim$3~days \\cite{x}.\\end{document}",
        );
        assert_eq!(t.trim(), "We train on 8× Tesla V100 GPUs for ~3 days .");
    }

    #[test]
    fn table_rows_become_lines() {
        let t = to_text("\\begin{tabular}{l|c}\nGPU & 4 \\\\\nTime & 2 days \\\\\n\\end{tabular}");
        assert!(t.contains("GPU | 4\nTime | 2 days\n"), "{t:?}");
        let t = to_text("\\begin{tabular}[c]{@{}l@{}}Time\\\\ (s)\\end{tabular}");
        assert_eq!(t.trim(), "Time\n(s)");
    }

    /// The training sentence after `tail` must survive `head`.
    fn survives(head: &str) -> String {
        let t = to_text(&format!(
            "\\begin{{document}}\\section{{Model}}\n{head}\n\n\\section{{Training}}\nWe trained on 8 V100 GPUs for 3 days.\n\\end{{document}}"
        ));
        assert!(
            t.contains("Training\nWe trained on 8 V100 GPUs for 3 days."),
            "lost after {head:?}: {t:?}"
        );
        t
    }

    #[test]
    fn an_open_interval_in_math_does_not_swallow_the_paper() {
        let t = survives("Each onset $t_i \\in [0,T)$ is a time.");
        assert!(t.contains("t_i [0,T) is a time."), "{t:?}");
        survives("The map $f\\colon [0,1) \\to \\mathbb{R}$ and \\[ x \\in [a, b) \\] hold.");
        survives("\\begin{equation} y = \\sum_k [x_k \\label{eq:1}\\end{equation}");
        survives("We use $\\left[0, \\infty\\right)$ and $\\mathcal{O}[n$ steps.");
    }

    #[test]
    fn brackets_after_commands_without_options_are_text() {
        let t = survives("The \\emph{best} [3] model \\textbf [see below and so on.");
        assert!(t.contains("[3] model"), "{t:?}");
        assert!(t.contains("[see below"), "{t:?}");
        // A command followed directly by a closed bracket still takes it as an option.
        let t = to_text("\\foo[opt]{kept} \\item[a)] x");
        assert_eq!(t.trim(), "kept\n- [a)] x");
    }

    #[test]
    fn optional_arguments_stop_at_a_paragraph_or_a_bound() {
        survives("\\section[short [version]{Long}\n\nText.");
        survives("\\caption[an unclosed short caption{A table}");
        let long = "x ".repeat(500);
        survives(&format!("\\paragraph[{long}"));
    }

    #[test]
    fn line_break_lengths_are_skipped_but_brackets_after_them_kept() {
        let t = to_text("a\\\\[2pt] b\\\\ [0.5em]c\\\\[0,1) d\\\\*[-1ex]e");
        assert_eq!(t, "a\nb\nc\n[0,1) d\ne\n");
    }

    #[test]
    fn unknown_commands_and_environments_keep_their_text() {
        let t = survives("\\begin{myenv}[opt]{x}Inside \\mymacro{kept words}\\end{myenv}");
        assert!(t.contains("Inside kept words"), "{t:?}");
    }

    #[test]
    fn verbatim_is_kept_as_written() {
        let t = survives("Run \\verb|train.py --gpus [0,1| now.\n\\begin{lstlisting}[language=Python]\nx = {'a': [1,\nprint(\"\\section\")\n\\end{lstlisting}\nAfter.");
        assert!(t.contains("Run train.py --gpus [0,1 now."), "{t:?}");
        assert!(t.contains("x = {'a': [1,"), "{t:?}");
        assert!(t.contains("After."), "{t:?}");
        let t = survives("\\begin{verbatim}\n$ python [x\n\\end{verbatim}");
        assert!(t.contains("$ python [x"), "{t:?}");
    }

    #[test]
    fn stray_and_unclosed_braces_lose_nothing() {
        survives("A stray } brace and }} more.");
        survives("See \\cite{smith2020, jones and a \\label{oops never closed.");
        let t = survives("An escaped 50\\% gain \\{set\\} and {nested {braces\nacross} lines}.");
        assert!(t.contains("50% gain {set}"), "{t:?}");
        assert!(t.contains("nested braces\nacross lines."), "{t:?}");
    }

    #[test]
    fn inputs_are_followed_relative_to_the_main_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sec")).unwrap();
        std::fs::write(
            dir.path().join("main.tex"),
            "\\documentclass{article}\n\\begin{document}\n\\input{sec/exp}\n\\include{missing}\n\\end{document}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("sec/exp.tex"),
            "Trained 3 days. % on 8 GPUs\n",
        )
        .unwrap();
        assert_eq!(find_main(dir.path()).unwrap(), dir.path().join("main.tex"));
        let flat = flatten(&dir.path().join("main.tex")).unwrap();
        assert!(flat.contains("Trained 3 days. "));
        assert!(!flat.contains("8 GPUs"));
        assert!(flat.contains("[missing input: missing]"));
    }
}
