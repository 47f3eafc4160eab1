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
            match list(
                &dir,
                &self.0.path,
                &self.0.venue,
                self.0.year,
                self.0.recursive,
            ) {
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

/// The PDFs in `dir` (sorted; with `recursive`, in subfolders too), titled after their
/// file names; `shown` is the folder as written in the config (kept in `pdf_url`).
pub fn list(
    dir: &Path,
    shown: &Path,
    venue: &str,
    year: Option<i32>,
    recursive: bool,
) -> std::io::Result<Vec<Paper>> {
    let mut names = Vec::new();
    collect(dir, Path::new(""), recursive, &mut names)?;
    names.sort();
    Ok(names
        .into_iter()
        .map(|rel| {
            let name = rel
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let stem = &name[..name.len() - 4];
            let title = clean_name(&stem.replace(['_', '-'], " "));
            let pdf = shown.join(&rel).to_string_lossy().into_owned();
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

/// Relative paths of the PDFs under `dir`.
fn collect(
    dir: &Path,
    rel: &Path,
    recursive: bool,
    out: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir.join(rel))? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = rel.join(&name);
        if e.file_type()?.is_dir() {
            if recursive {
                collect(dir, &path, recursive, out)?;
            }
        } else if name.to_ascii_lowercase().ends_with(".pdf") {
            out.push(path);
        }
    }
    Ok(())
}
