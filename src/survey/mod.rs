//! A survey's records on disk: `corpus/<survey>/papers.jsonl`, one paper per line, sorted by id,
//! so records diff cleanly in git and any stage can re-read them.

use std::path::{Path, PathBuf};

use crate::atomic::{read_text, write_atomic};
use crate::error::{Error, Result};
use crate::model::PaperRecord;

pub const PAPERS_FILE: &str = "papers.jsonl";

/// A named survey under a project root.
#[derive(Debug, Clone)]
pub struct Survey {
    pub name: String,
    pub dir: PathBuf,
}

impl Survey {
    /// The survey `name` under `root/corpus/`. Names are plain folder names.
    pub fn open(root: &Path, name: &str) -> Result<Self> {
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            && !name.starts_with('.');
        if !ok {
            return Err(Error::invalid(
                name,
                "a survey name is a plain folder name (letters, digits, '-', '_', '.')",
            ));
        }
        Ok(Survey {
            name: name.to_string(),
            dir: root.join("corpus").join(name),
        })
    }

    /// Like `open`, for commands that need records: a survey with none is an error saying how
    /// to get some.
    pub fn open_existing(root: &Path, name: &str) -> Result<Self> {
        let s = Survey::open(root, name)?;
        if !s.exists() {
            return Err(Error::invalid(
                s.papers_path().display().to_string(),
                format!(
                    "survey {:?} has no records (import or crawl first, e.g. `greenmir import greenmir-sheets DIR`)",
                    s.name
                ),
            ));
        }
        Ok(s)
    }

    pub fn papers_path(&self) -> PathBuf {
        self.dir.join(PAPERS_FILE)
    }

    /// The survey's correction files (`annotations/<paper>.toml`).
    pub fn annotations(&self) -> crate::annotate::AnnotationStore {
        crate::annotate::AnnotationStore::new(self.dir.join("annotations"))
    }

    /// Records with every correction applied, and the corrections that did not apply cleanly:
    /// the one way every command that estimates, tabulates or shows a paper reads a survey.
    pub fn load_resolved(
        &self,
        reference: &crate::reference::Reference,
    ) -> Result<(Vec<PaperRecord>, Vec<crate::annotate::OverlayIssue>)> {
        let mut records = self.load_stored()?;
        let files = self.annotations().load_all()?;
        let issues = crate::annotate::apply_annotations(&mut records, &files, reference);
        Ok((records, issues))
    }

    pub fn exists(&self) -> bool {
        self.papers_path().exists()
    }

    /// The records as the stages stored them, without the annotators' corrections: only for
    /// stages that rewrite records (crawl, extract, locate, import). Everything that reads
    /// numbers uses [`Survey::load_resolved`].
    pub fn load_stored(&self) -> Result<Vec<PaperRecord>> {
        let path = self.papers_path();
        let text = read_text(&path)?;
        parse_records(&path.display().to_string(), &text)
    }

    /// Writes the records sorted by id, atomically. Duplicate ids are refused.
    pub fn save(&self, records: &[PaperRecord]) -> Result<()> {
        let path = self.papers_path();
        let text = render_records(&path.display().to_string(), records)?;
        write_atomic(&path, text.as_bytes())
    }
}

/// Parses JSON lines of records; blank lines are allowed.
pub fn parse_records(file: &str, text: &str) -> Result<Vec<PaperRecord>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: PaperRecord = serde_json::from_str(line).map_err(|e| Error::Parse {
            file: file.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(rec);
    }
    Ok(out)
}

/// One JSON object per line, sorted by paper id.
pub fn render_records(file: &str, records: &[PaperRecord]) -> Result<String> {
    let mut sorted: Vec<&PaperRecord> = records.iter().collect();
    sorted.sort_by(|a, b| a.paper.id.cmp(&b.paper.id));
    if let Some(w) = sorted.windows(2).find(|w| w[0].paper.id == w[1].paper.id) {
        return Err(Error::invalid(
            file,
            format!("two records share the id {:?}", w[0].paper.id),
        ));
    }
    let mut text = String::new();
    for r in sorted {
        text.push_str(&serde_json::to_string(r).expect("records serialise"));
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paper;

    fn rec(id: &str) -> PaperRecord {
        PaperRecord::new(Paper {
            id: id.into(),
            venue: None,
            year: Some(2023),
            title: format!("Paper {id}"),
            authors: vec![],
            doi: None,
            pdf_url: None,
            sha256: None,
        })
    }

    #[test]
    fn saves_sorted_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let s = Survey::open(dir.path(), "demo").unwrap();
        s.save(&[rec("b"), rec("a")]).unwrap();
        let text = std::fs::read_to_string(s.papers_path()).unwrap();
        assert!(text.find("\"a\"").unwrap() < text.find("\"b\"").unwrap());
        let back = s.load_stored().unwrap();
        assert_eq!(back, vec![rec("a"), rec("b")]);
    }

    #[test]
    fn bad_line_is_named() {
        let err = parse_records("p.jsonl", "\n{\"paper\": 3}\n").unwrap_err();
        assert!(err.to_string().starts_with("p.jsonl, line 2: "), "{err}");
    }

    #[test]
    fn duplicate_ids_and_path_names_are_refused() {
        assert!(render_records("x", &[rec("a"), rec("a")]).is_err());
        assert!(Survey::open(Path::new("."), "../etc").is_err());
    }
}
