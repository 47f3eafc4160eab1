//! A local folder of PDFs: one paper per `*.pdf`, no network. The PDF link is the file's
//! path relative to the project root, and the download stage copies it into the cache.

use std::path::Path;

use super::config::LocalFolderSource;
use super::http::Http;
use super::merge::{clean_name, paper_id};
use super::source::{BoxFuture, Listing, Problem, Source};
use crate::model::Paper;

pub struct LocalFolder(pub LocalFolderSource);

impl Source for LocalFolder {
    fn name(&self) -> String {
        "local-folder".to_string()
    }

    fn list<'a>(&'a self, http: &'a Http) -> BoxFuture<'a, Listing> {
        Box::pin(async move {
            let mut listing = Listing {
                source: self.name(),
                ..Default::default()
            };
            let dir = http.local_path(&self.0.path.to_string_lossy());
            match list(&dir, &self.0.path, &self.0.venue, self.0.year) {
                Ok(p) => listing.papers = p,
                Err(e) => listing.problems.push(Problem {
                    location: dir.display().to_string(),
                    reason: e.to_string(),
                }),
            }
            listing
        })
    }
}

/// The PDFs directly in `dir` (sorted), titled after their file names; `shown` is the
/// folder as written in the config (kept in `pdf_url`).
pub fn list(
    dir: &Path,
    shown: &Path,
    venue: &str,
    year: Option<i32>,
) -> std::io::Result<Vec<Paper>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_ascii_lowercase().ends_with(".pdf") && !n.starts_with('.'))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| {
            let stem = &name[..name.len() - 4];
            let title = clean_name(&stem.replace(['_', '-'], " "));
            let pdf = shown.join(&name).to_string_lossy().into_owned();
            Paper {
                id: paper_id(venue, year, Some(&pdf), &title),
                venue: Some(venue.to_string()),
                year,
                title,
                authors: vec![],
                doi: None,
                pdf_url: Some(pdf),
                sha256: None,
            }
        })
        .collect())
}
