//! A content-addressed cache of extracted text: `<dir>/<sha256>-<extractor version>.json`.
//! A changed file or a new extractor version misses the cache; writes are atomic.

use std::path::{Path, PathBuf};

use super::{read_document, resolve_input, sha256_hex, Document, TextError, EXTRACTOR_VERSION};
use crate::atomic::write_atomic;

#[derive(Debug, Clone)]
pub struct TextCache {
    dir: PathBuf,
}

impl TextCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        TextCache { dir: dir.into() }
    }

    fn entry(&self, sha: &str) -> PathBuf {
        self.dir.join(format!("{sha}-{EXTRACTOR_VERSION}.json"))
    }

    /// The document's text, from the cache when the main file's bytes are unchanged. LaTeX
    /// folders are keyed by their main file (an edited `\input` file is picked up by
    /// `--no-cache`).
    pub fn read(&self, path: &Path) -> Result<Document, TextError> {
        let (_, main) = resolve_input(path)?;
        let bytes =
            std::fs::read(&main).map_err(|e| TextError::Io(format!("{}: {e}", main.display())))?;
        self.read_hashed(path, &sha256_hex(&bytes))
    }

    /// The document's text when its hash is already known: the survey's PDFs are stored
    /// under their content hash, so hashing them again on every stage is wasted work.
    pub fn read_hashed(&self, path: &Path, sha: &str) -> Result<Document, TextError> {
        let entry = self.entry(sha);
        if let Ok(text) = std::fs::read_to_string(&entry) {
            if let Ok(mut doc) = serde_json::from_str::<Document>(&text) {
                doc.source = path.display().to_string();
                return Ok(doc);
            }
        }
        let doc = read_document(path)?;
        if let Ok(json) = serde_json::to_string(&doc) {
            // A cache that cannot be written only costs time later.
            let _ = write_atomic(&entry, json.as_bytes());
        }
        Ok(doc)
    }
}
