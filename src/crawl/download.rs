//! PDF downloads into the content-addressed cache `corpus/cache/pdf/<sha256>.pdf`.
//!
//! A body is streamed into a temp file beside the cache (`.part-*`), checked (`%PDF-` magic,
//! size cap, `Content-Length`, `%%EOF` tail), fsynced and renamed into place, then recorded
//! in `index.jsonl` (URL → sha256, one appended line per download). A killed crawl leaves at
//! most a `.part-*` file, which the next crawl removes; a URL in the index whose file is
//! present is never fetched again.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::http::{parse_url, FetchError, Http};

const INDEX: &str = "index.jsonl";
const PART_PREFIX: &str = ".part-";

/// One line of `index.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub url: String,
    pub sha256: String,
    pub bytes: u64,
    /// Seconds since the Unix epoch.
    pub fetched_at: u64,
}

/// The PDF cache folder and its URL index.
pub struct PdfCache {
    dir: PathBuf,
    index: Mutex<HashMap<String, IndexEntry>>,
}

/// A PDF in the cache.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fetched {
    pub sha256: String,
    pub bytes: u64,
    /// True when it was already cached (no request made).
    pub cached: bool,
}

impl PdfCache {
    /// Opens (creating) `dir`, removes temp files a killed crawl left, and reads the index;
    /// a torn last line (killed mid-append) is ignored.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(PART_PREFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let mut index = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(dir.join(INDEX)) {
            for line in text.lines() {
                if let Ok(e) = serde_json::from_str::<IndexEntry>(line) {
                    index.insert(e.url.clone(), e);
                }
            }
        }
        Ok(PdfCache {
            dir: dir.to_path_buf(),
            index: Mutex::new(index),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.pdf"))
    }

    /// The cached PDF for `url`, if its file is there with the recorded size.
    pub fn lookup(&self, url: &str) -> Option<IndexEntry> {
        let e = self.index.lock().expect("lock").get(url).cloned()?;
        let len = std::fs::metadata(self.path(&e.sha256)).ok()?.len();
        (len == e.bytes).then_some(e)
    }

    /// Records `url → sha256` (append + fsync).
    fn record(&self, entry: IndexEntry) -> std::io::Result<()> {
        let mut index = self.index.lock().expect("lock");
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join(INDEX))?;
        let mut line = serde_json::to_string(&entry).expect("serialises");
        line.push('\n');
        f.write_all(line.as_bytes())?;
        f.sync_all()?;
        index.insert(entry.url.clone(), entry);
        Ok(())
    }

    fn temp_file(&self) -> std::io::Result<tempfile::NamedTempFile> {
        tempfile::Builder::new()
            .prefix(PART_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
    }

    /// Copies a local PDF into the cache (checked like a download), keyed by `key`.
    pub fn insert_file(&self, key: &str, path: &Path) -> Result<Fetched, FetchError> {
        if let Some(e) = self.lookup(key) {
            if let Ok(bytes) = std::fs::read(path) {
                if sha256_of(&bytes) == e.sha256 {
                    return Ok(Fetched {
                        sha256: e.sha256,
                        bytes: e.bytes,
                        cached: true,
                    });
                }
            }
        }
        let bytes = std::fs::read(path).map_err(|e| FetchError::Local {
            message: format!("cannot read {}: {e}", path.display()),
        })?;
        check_pdf(&bytes[..bytes.len().min(1024)], &bytes, "")?;
        let mut tmp = self.temp_file().map_err(local)?;
        tmp.write_all(&bytes).map_err(local)?;
        self.persist(key, tmp, &sha256_of(&bytes), bytes.len() as u64, false)
    }

    fn persist(
        &self,
        url: &str,
        tmp: tempfile::NamedTempFile,
        sha: &str,
        bytes: u64,
        cached: bool,
    ) -> Result<Fetched, FetchError> {
        tmp.as_file().sync_all().map_err(local)?;
        let dest = self.path(sha);
        if dest.exists() {
            drop(tmp); // same content already cached: keep the existing file
        } else {
            tmp.persist(&dest).map_err(|e| local(e.error))?;
        }
        self.record(IndexEntry {
            url: url.to_string(),
            sha256: sha.to_string(),
            bytes,
            fetched_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        })
        .map_err(local)?;
        Ok(Fetched {
            sha256: sha.to_string(),
            bytes,
            cached,
        })
    }
}

fn local(e: std::io::Error) -> FetchError {
    FetchError::Local {
        message: format!("PDF cache: {e}"),
    }
}

pub fn sha256_of(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// `%PDF-` within the first 1024 bytes and `%%EOF` within the last 1024 (PDF readers
/// tolerate junk around both).
fn check_pdf(head: &[u8], whole_or_tail: &[u8], content_type: &str) -> Result<(), FetchError> {
    if !contains(head, b"%PDF-") {
        let snippet: String = String::from_utf8_lossy(&head[..head.len().min(60)])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let ct = if content_type.is_empty() {
            String::new()
        } else {
            format!("Content-Type {content_type}, ")
        };
        return Err(FetchError::NotPdf {
            what: format!("{ct}starts with {:?}", snippet.trim()),
        });
    }
    let tail = &whole_or_tail[whole_or_tail.len().saturating_sub(1024)..];
    if !contains(tail, b"%%EOF") {
        return Err(FetchError::NotPdf {
            what: "no %%EOF at the end (truncated?)".to_string(),
        });
    }
    Ok(())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Fetches `url` into the cache unless the index already has it. Retries transient
/// failures (the temp file is discarded each time).
pub async fn fetch_pdf(http: &Http, cache: &PdfCache, url: &str) -> Result<Fetched, FetchError> {
    if let Some(e) = cache.lookup(url) {
        return Ok(Fetched {
            sha256: e.sha256,
            bytes: e.bytes,
            cached: true,
        });
    }
    if http.offline() {
        return Err(FetchError::Offline);
    }
    let parsed = parse_url(url)?;
    let mut attempt = 0;
    loop {
        match fetch_once(http, cache, url, &parsed).await {
            Ok(f) => return Ok(f),
            Err(e) => {
                let wait = http.retry_wait(&parsed, &e, attempt)?;
                attempt += 1;
                tokio::time::sleep(wait).await;
            }
        }
    }
}

async fn fetch_once(
    http: &Http,
    cache: &PdfCache,
    url: &str,
    parsed: &url::Url,
) -> Result<Fetched, FetchError> {
    let _slot = http.slot().await;
    let resp = http.send(parsed, &Default::default()).await?;
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut tmp = cache.temp_file().map_err(local)?;
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut tail: Vec<u8> = Vec::with_capacity(2048);
    let mut checked = false;
    let bytes = http
        .read_body(resp, |chunk| {
            if head.len() < 1024 {
                let take = (1024 - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
            }
            // An HTML error page served for a .pdf URL is refused at its first bytes.
            if !checked {
                if contains(&head, b"%PDF-") {
                    checked = true;
                } else if head.len() >= 1024 || head.trim_ascii_start().starts_with(b"<") {
                    check_pdf(&head, &head, &content_type)?;
                }
            }
            hasher.update(chunk);
            tail.extend_from_slice(chunk);
            if tail.len() > 1024 {
                tail.drain(..tail.len() - 1024);
            }
            tmp.write_all(chunk).map_err(local)
        })
        .await?;
    check_pdf(&head, &tail, &content_type)?;
    let sha = format!("{:x}", hasher.finalize());
    cache.persist(url, tmp, &sha, bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_checks_name_what_was_wrong() {
        assert!(check_pdf(b"%PDF-1.5 x", b"x %%EOF\n", "").is_ok());
        let e = check_pdf(b"<!DOCTYPE html><html>", b"</html>", "text/html").unwrap_err();
        assert!(e.to_string().contains("text/html"), "{e}");
        let e = check_pdf(b"%PDF-1.5", b"stream...", "").unwrap_err();
        assert!(e.to_string().contains("%%EOF"), "{e}");
    }

    #[test]
    fn opening_removes_partial_files_and_skips_torn_index_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".part-abc.tmp"), b"%PDF-half").unwrap();
        std::fs::write(dir.path().join("abc.pdf"), b"12345").unwrap();
        std::fs::write(
            dir.path().join(INDEX),
            "{\"url\":\"u\",\"sha256\":\"abc\",\"bytes\":5,\"fetched_at\":1}\n{\"url\":\"v\",\"sha",
        )
        .unwrap();
        let c = PdfCache::open(dir.path()).unwrap();
        assert!(!dir.path().join(".part-abc.tmp").exists());
        assert_eq!(c.lookup("u").unwrap().sha256, "abc");
        assert!(c.lookup("v").is_none());
    }
}
