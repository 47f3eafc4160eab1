//! Text of a paper with page numbers, from PDF, LaTeX or plain text, normalised and cached.

mod cache;
mod latex;
mod normalise;
mod pdf;
mod sections;
mod sentences;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use cache::TextCache;
pub(crate) use latex::{brace_arg, skip_opt_args};
pub use latex::{document_text, find_main, flatten, flatten_with_files, strip_comments, to_text};
pub use normalise::{letter_ratio, normalise};
pub use sections::{check_sections, section_titles, subsection_titles, TextWarning, WarningKind};
pub use sentences::{split_sentences, Sentence};

/// Bumped whenever extraction or normalisation changes, so cached text is redone.
pub const EXTRACTOR_VERSION: &str = "text-8";

/// One page of text. LaTeX and plain text without form feeds are one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Pdf,
    Latex,
    Plain,
}

/// A document's text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The path as given.
    pub source: String,
    pub kind: DocKind,
    /// For a folder or LaTeX paper: the main file read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main: Option<String>,
    /// `unpdf`, `pdftotext`, `latex`, `plain`.
    pub extractor: String,
    pub version: String,
    /// SHA-256 of the main file's bytes.
    pub sha256: String,
    pub pages: Vec<Page>,
    /// The flattened LaTeX source (comments removed), for readers of `\author` blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex: Option<String>,
    /// What the reader noticed but could not fix (a LaTeX section missing from the text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<TextWarning>,
}

impl Document {
    /// One page of plain text: a document for callers (and tests) that hold text, not a file.
    pub fn from_text(source: &str, text: &str) -> Self {
        Document {
            source: source.to_string(),
            kind: DocKind::Plain,
            main: None,
            extractor: "plain".into(),
            version: "text".into(),
            sha256: String::new(),
            pages: vec![Page {
                number: 1,
                text: text.to_string(),
            }],
            latex: None,
            warnings: Vec::new(),
        }
    }
}

impl Document {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn char_count(&self) -> usize {
        self.pages.iter().map(|p| p.text.len()).sum()
    }
}

/// Why a document could not be read. Per document: a batch goes on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TextError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    #[error("corrupt PDF: {0}")]
    Corrupt(String),
    #[error("no text layer ({0} pages, image-only PDF?)")]
    NoTextLayer(usize),
    #[error("implausible text ({0} characters, mostly not letters): scanned or broken fonts?")]
    Implausible(usize),
    #[error("LaTeX: {0}")]
    Latex(String),
    #[error("unsupported file type: {0}")]
    Unsupported(String),
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `path` is and which file to read for it.
fn resolve_input(path: &Path) -> Result<(DocKind, PathBuf), TextError> {
    if path.is_dir() {
        // A folder is a LaTeX paper, or holds exactly one PDF.
        if let Ok(main) = find_main(path) {
            return Ok((DocKind::Latex, main));
        }
        let pdfs: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| TextError::Io(format!("{}: {e}", path.display())))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
            .collect();
        return match pdfs.as_slice() {
            [one] => Ok((DocKind::Pdf, one.clone())),
            [] => Err(TextError::Latex(format!(
                "no .tex with \\documentclass and no PDF in {}",
                path.display()
            ))),
            _ => Err(TextError::Unsupported(format!(
                "{} holds several PDFs; name one",
                path.display()
            ))),
        };
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Ok((DocKind::Pdf, path.to_path_buf())),
        "tex" | "ltx" => Ok((DocKind::Latex, path.to_path_buf())),
        "txt" | "md" | "text" => Ok((DocKind::Plain, path.to_path_buf())),
        other => Err(TextError::Unsupported(format!(
            "{} (.{other}): give a .pdf, .tex, .txt or a LaTeX folder",
            path.display()
        ))),
    }
}

/// Reads a document without the cache.
pub fn read_document(path: &Path) -> Result<Document, TextError> {
    let (kind, main) = resolve_input(path)?;
    let bytes =
        std::fs::read(&main).map_err(|e| TextError::Io(format!("{}: {e}", main.display())))?;
    let sha256 = sha256_hex(&bytes);
    let mut warnings = Vec::new();
    let (pages, extractor, latex) = match kind {
        DocKind::Pdf => {
            let (pages, ex) = pdf::extract(&main, &bytes)?;
            (pages, ex.to_string(), None)
        }
        DocKind::Latex => {
            let (flat, files) = flatten_with_files(&main)?;
            let text = normalise(&document_text(&flat));
            if text.trim().is_empty() {
                return Err(TextError::Latex("no text after removing markup".into()));
            }
            warnings = check_sections(&flat, &text, &files);
            (
                vec![Page { number: 1, text }],
                "latex".to_string(),
                Some(flat),
            )
        }
        DocKind::Plain => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if text.trim().is_empty() {
                return Err(TextError::Empty);
            }
            let pages = text
                .split('\u{c}')
                .enumerate()
                .map(|(i, t)| Page {
                    number: i as u32 + 1,
                    text: normalise(t),
                })
                .collect();
            (pages, "plain".to_string(), None)
        }
    };
    Ok(Document {
        source: path.display().to_string(),
        kind,
        main: (main != path).then(|| main.display().to_string()),
        extractor,
        version: EXTRACTOR_VERSION.to_string(),
        sha256,
        pages,
        latex,
        warnings,
    })
}
