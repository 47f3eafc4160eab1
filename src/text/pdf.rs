//! PDF text: unpdf (pure Rust; right column order on two-column LaTeX papers per MEASURED.md)
//! first, `pdftotext -raw` (poppler, a separate process) as the fallback when unpdf fails,
//! panics or returns implausible text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;

use super::normalise::{letter_ratio, normalise};
use super::{Page, TextError};

/// Checks the bytes look like a whole PDF before any parser sees them.
pub fn check_magic(bytes: &[u8]) -> Result<(), TextError> {
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        let looks_html = head
            .iter()
            .take(200)
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .windows(5)
            .any(|w| w == b"<html" || w == b"<!doc");
        return Err(TextError::NotPdf(if looks_html {
            "an HTML page, not a PDF".into()
        } else {
            "no %PDF- header".into()
        }));
    }
    Ok(())
}

/// True when text from a parser is plausible: enough letters and not mostly replacement marks.
fn plausible(pages: &[Page]) -> bool {
    let all: String = pages.iter().map(|p| p.text.as_str()).collect();
    let letters = all.chars().filter(|c| c.is_alphabetic()).count();
    let bad = all.chars().filter(|c| *c == '\u{FFFD}').count();
    letters >= 200 && letter_ratio(&all) > 0.5 && bad * 50 < letters
}

/// unpdf, isolated with `catch_unwind` so a parser panic becomes an error for this document.
fn with_unpdf(bytes: &[u8]) -> Result<Vec<Page>, TextError> {
    let result = catch_unwind(AssertUnwindSafe(|| unpdf::parse_bytes(bytes)));
    let doc = match result {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let msg = e.to_string();
            return Err(if msg.to_lowercase().contains("encrypt") {
                TextError::Encrypted(msg)
            } else {
                TextError::Corrupt(format!("unpdf: {msg}"))
            });
        }
        Err(_) => return Err(TextError::Corrupt("unpdf panicked on this file".into())),
    };
    Ok(doc
        .pages
        .iter()
        .map(|p| Page {
            number: p.number,
            text: p.plain_text(),
        })
        .collect())
}

/// `pdftotext -raw` split on form feeds; None when poppler is not installed.
fn with_pdftotext(path: &Path) -> Option<Result<Vec<Page>, TextError>> {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Some(Err(
            if err.to_lowercase().contains("encrypt") || err.contains("password") {
                TextError::Encrypted(err)
            } else {
                TextError::Corrupt(format!("pdftotext: {err}"))
            },
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<Page> = text
        .split('\u{c}')
        .enumerate()
        .map(|(i, t)| Page {
            number: i as u32 + 1,
            text: t.to_string(),
        })
        .collect();
    // pdftotext ends with a form feed: drop the empty tail page.
    if pages.last().is_some_and(|p| p.text.trim().is_empty()) {
        pages.pop();
    }
    Some(Ok(pages))
}

/// Extracts pages of `path` (whose bytes are `bytes`), naming the extractor used.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<(Vec<Page>, &'static str), TextError> {
    check_magic(bytes)?;
    let first = with_unpdf(bytes);
    if let Ok(pages) = &first {
        if plausible(pages) {
            return Ok((normalise_pages(pages.clone()), "unpdf"));
        }
    }
    match with_pdftotext(path) {
        Some(Ok(pages)) if plausible(&pages) => Ok((normalise_pages(pages), "pdftotext")),
        Some(Err(e @ TextError::Encrypted(_))) => Err(e),
        _ => match first {
            Err(e) => Err(e),
            Ok(pages) => {
                let chars: usize = pages.iter().map(|p| p.text.trim().len()).sum();
                Err(if chars == 0 {
                    TextError::NoTextLayer(pages.len())
                } else {
                    TextError::Implausible(chars)
                })
            }
        },
    }
}

fn normalise_pages(pages: Vec<Page>) -> Vec<Page> {
    pages
        .into_iter()
        .map(|p| Page {
            number: p.number,
            text: join_split_words(&normalise(&p.text)),
        })
        .collect()
}

/// Extractors that join a paragraph's lines leave line-end hyphenation as "train- ing":
/// a letter, `-`, one space, a lower-case letter. Joined unless the next word is a
/// conjunction ("pre- and post-processing").
pub fn join_split_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("- ") {
        let before_ok = rest[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic());
        let after = &rest[i + 2..];
        let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let lower = next_word.chars().next().is_some_and(|c| c.is_lowercase());
        let conj = matches!(next_word.as_str(), "and" | "or" | "to" | "vs" | "nor");
        if before_ok && lower && !conj {
            out.push_str(&rest[..i]);
            rest = after;
        } else {
            out.push_str(&rest[..i + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_error_page_saved_as_pdf_is_refused() {
        let err = check_magic(b"<!DOCTYPE html><html><body>403</body></html>").unwrap_err();
        assert_eq!(err.to_string(), "not a PDF: an HTML page, not a PDF");
        assert!(matches!(check_magic(b""), Err(TextError::Empty)));
        assert!(check_magic(b"%PDF-1.5\n...").is_ok());
    }

    #[test]
    fn line_end_hyphenation_inside_paragraphs_is_joined() {
        assert_eq!(
            join_split_words("The train- ing time, pre- and post-processing, Tesla- V100"),
            "The training time, pre- and post-processing, Tesla- V100"
        );
    }

    #[test]
    fn random_bytes_after_header_do_not_panic() {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("junk.pdf");
        std::fs::write(&p, &bytes).unwrap();
        assert!(extract(&p, &bytes).is_err());
    }
}
