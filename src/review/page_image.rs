//! PNG images of single PDF pages for the review page, rendered with poppler's `pdftoppm` into
//! a cache folder (`<sha>-<page>.png`, written to a temp name then renamed into place), and the
//! page's word boxes from `pdftotext -bbox-layout` (`<sha>-<page>.bbox.html`, atomic).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Resolution of the page images: an A4 page is about 660 × 935 pixels.
const DPI: &str = "80";

#[derive(Debug, thiserror::Error)]
pub enum PageImageError {
    #[error("{0:?} is not a SHA-256 in hex")]
    BadSha(String),
    #[error("the PDF {} is not in the cache (crawl the paper first)", .0.display())]
    NoPdf(PathBuf),
    #[error("page {page} is outside the PDF (it has {pages} pages)")]
    NoPage { page: u32, pages: u32 },
    #[error("{tool} failed on {}: {message}", .pdf.display())]
    Tool {
        tool: &'static str,
        pdf: PathBuf,
        message: String,
    },
    #[error("writing {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where PDFs are read from and page images are cached.
pub struct PageImages {
    pub pdf_cache: PathBuf,
    pub page_cache: PathBuf,
}

/// A content hash as the caches name files: 64 hex digits, nothing else.
pub fn is_sha(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl PageImages {
    pub fn pdf_path(&self, sha: &str) -> Result<PathBuf, PageImageError> {
        if !is_sha(sha) {
            return Err(PageImageError::BadSha(sha.into()));
        }
        let pdf = self.pdf_cache.join(format!("{sha}.pdf"));
        if !pdf.is_file() {
            return Err(PageImageError::NoPdf(pdf));
        }
        Ok(pdf)
    }

    /// The cached image of `page` (1-based) of the PDF `sha`, rendered first when missing.
    pub fn render(&self, sha: &str, page: u32) -> Result<PathBuf, PageImageError> {
        let pdf = self.pdf_path(sha)?;
        let out = self.page_cache.join(format!("{sha}-{page}.png"));
        if out.is_file() {
            return Ok(out);
        }
        let pages = page_count(&pdf)?;
        if page == 0 || page > pages {
            return Err(PageImageError::NoPage { page, pages });
        }
        std::fs::create_dir_all(&self.page_cache).map_err(|source| PageImageError::Write {
            path: self.page_cache.clone(),
            source,
        })?;
        // A name no other request uses, so concurrent renders of one page never collide.
        let tmp_prefix = self.page_cache.join(format!(
            ".tmp-{sha}-{page}-{}-{}",
            std::process::id(),
            super::new_token()
        ));
        let n = page.to_string();
        let result = run(
            "pdftoppm",
            &pdf,
            Command::new("pdftoppm")
                .args(["-f", &n, "-l", &n, "-png", "-r", DPI, "-singlefile"])
                .arg(&pdf)
                .arg(&tmp_prefix),
        );
        // `-singlefile` writes `<prefix>.png`.
        let mut tmp = tmp_prefix.into_os_string();
        tmp.push(".png");
        let tmp = PathBuf::from(tmp);
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, &out).map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            PageImageError::Write {
                path: out.clone(),
                source,
            }
        })?;
        Ok(out)
    }
}

/// Where quotes sit on a page, in PDF points from the top left, for marking them on the image.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuoteBoxes {
    pub width: f64,
    pub height: f64,
    /// `[x_min, y_min, x_max, y_max]` of each word of each quote found.
    pub boxes: Vec<[f64; 4]>,
}

impl PageImages {
    /// The word boxes of each quote on `page`, from `pdftotext -bbox-layout`. A quote whose
    /// words are not found in order (hyphenation, ligatures) is left unmarked.
    pub fn quote_boxes(
        &self,
        sha: &str,
        page: u32,
        quotes: &[&str],
    ) -> Result<QuoteBoxes, PageImageError> {
        let xhtml = self.word_layout(sha, page)?;
        Ok(find_quotes(&xhtml, quotes))
    }

    /// The page's words with their boxes, cached beside the page image: every view of a
    /// paper's cards reads them, and the PDF does not change under its hash.
    fn word_layout(&self, sha: &str, page: u32) -> Result<String, PageImageError> {
        let pdf = self.pdf_path(sha)?;
        let cached = self.page_cache.join(format!("{sha}-{page}.bbox.html"));
        if let Ok(text) = std::fs::read_to_string(&cached) {
            return Ok(text);
        }
        let n = page.to_string();
        let xhtml = run(
            "pdftotext",
            &pdf,
            Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-bbox-layout"])
                .arg(&pdf)
                .arg("-"),
        )?;
        // A cache that cannot be written only costs the next view a pdftotext run.
        if std::fs::create_dir_all(&self.page_cache).is_ok() {
            let _ = crate::atomic::write_atomic(&cached, xhtml.as_bytes());
        }
        Ok(xhtml)
    }
}

/// Letters and digits only, lower case: how words are compared across extractors.
fn word_key(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn attr(tag: &str, name: &str) -> Option<f64> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = &tag[at..];
    rest[..rest.find('"')?].parse().ok()
}

/// Parses `pdftotext -bbox-layout` output (one page) and finds each quote's words in order.
fn find_quotes(xhtml: &str, quotes: &[&str]) -> QuoteBoxes {
    let mut out = QuoteBoxes::default();
    if let Some(i) = xhtml.find("<page ") {
        let tag = &xhtml[i..i + xhtml[i..].find('>').unwrap_or(0)];
        out.width = attr(tag, "width").unwrap_or(0.0);
        out.height = attr(tag, "height").unwrap_or(0.0);
    }
    let mut words: Vec<(String, [f64; 4])> = Vec::new();
    let mut rest = xhtml;
    while let Some(i) = rest.find("<word ") {
        rest = &rest[i..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let Some(end) = rest.find("</word>") else {
            break;
        };
        let text = rest[close + 1..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(tag, n).unwrap_or(0.0));
        let key = word_key(&text);
        if !key.is_empty() {
            words.push((key, b));
        }
        rest = &rest[end..];
    }
    for q in quotes {
        let keys: Vec<String> = q
            .split_whitespace()
            .map(word_key)
            .filter(|k| !k.is_empty())
            .collect();
        if keys.is_empty() || keys.len() > words.len() {
            continue;
        }
        if let Some(start) = (0..=words.len() - keys.len())
            .find(|&s| keys.iter().zip(&words[s..]).all(|(k, w)| *k == w.0))
        {
            out.boxes
                .extend(words[start..start + keys.len()].iter().map(|w| w.1));
        }
    }
    out
}

fn run(tool: &'static str, pdf: &Path, cmd: &mut Command) -> Result<String, PageImageError> {
    let err = |message: String| PageImageError::Tool {
        tool,
        pdf: pdf.to_path_buf(),
        message,
    };
    let out = cmd.output().map_err(|e| err(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(err(format!("{} ({})", stderr.trim(), out.status)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Pages in the PDF, from `pdfinfo`.
fn page_count(pdf: &Path) -> Result<u32, PageImageError> {
    let info = run("pdfinfo", pdf, Command::new("pdfinfo").arg(pdf))?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| PageImageError::Tool {
            tool: "pdfinfo",
            pdf: pdf.to_path_buf(),
            message: "no page count".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_hashes_name_files() {
        assert!(is_sha(&"ab".repeat(32)));
        assert!(!is_sha(&format!("../{}", "a".repeat(61))));
        assert!(!is_sha("abc"));
    }

    #[test]
    fn word_boxes_are_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let sha = "cd".repeat(32);
        let images = PageImages {
            pdf_cache: dir.path().join("pdf"),
            page_cache: dir.path().join("pages"),
        };
        std::fs::create_dir_all(&images.pdf_cache).unwrap();
        std::fs::create_dir_all(&images.page_cache).unwrap();
        // Not a PDF: only the cached layout can answer.
        std::fs::write(images.pdf_cache.join(format!("{sha}.pdf")), b"not a pdf").unwrap();
        std::fs::write(
            images.page_cache.join(format!("{sha}-2.bbox.html")),
            r#"<page width="10" height="20"><word xMin="1" yMin="2" xMax="3" yMax="4">GPUs</word></page>"#,
        )
        .unwrap();
        let b = images.quote_boxes(&sha, 2, &["GPUs"]).unwrap();
        assert_eq!(b.boxes, vec![[1.0, 2.0, 3.0, 4.0]]);
        assert!(images.quote_boxes(&sha, 3, &["GPUs"]).is_err());
    }

    #[test]
    fn quotes_are_found_word_by_word_in_the_bbox_layout() {
        let xhtml = r#"<doc><page width="595.000000" height="842.000000"><flow><block><line>
            <word xMin="60" yMin="10" xMax="70" yMax="20">We</word>
            <word xMin="72" yMin="10" xMax="90" yMax="20">used</word>
            <word xMin="92" yMin="10" xMax="99" yMax="20">4</word>
            <word xMin="60" yMin="24" xMax="90" yMax="34">GPUs.</word>
            <word xMin="92" yMin="24" xMax="99" yMax="34">R&amp;D</word>
            </line></block></flow></page></doc>"#;
        let b = find_quotes(xhtml, &["used 4 GPUs", "R&D", "not there"]);
        assert_eq!((b.width, b.height), (595.0, 842.0));
        assert_eq!(
            b.boxes,
            vec![
                [72.0, 10.0, 90.0, 20.0],
                [92.0, 10.0, 99.0, 20.0],
                [60.0, 24.0, 90.0, 34.0],
                [92.0, 24.0, 99.0, 34.0]
            ]
        );
    }

    #[test]
    fn a_missing_pdf_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let images = PageImages {
            pdf_cache: dir.path().join("pdf"),
            page_cache: dir.path().join("pages"),
        };
        let e = images.render(&"0".repeat(64), 1).unwrap_err();
        assert!(matches!(e, PageImageError::NoPdf(_)), "{e}");
        let e = images.render("../../etc/passwd", 1).unwrap_err();
        assert!(matches!(e, PageImageError::BadSha(_)), "{e}");
    }
}
