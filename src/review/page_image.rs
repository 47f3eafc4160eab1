//! PNG images of single PDF pages for the review page, rendered with poppler's `pdftoppm` into
//! a cache folder (`<sha>-<page>.png`, written to a temp name then renamed into place).

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
