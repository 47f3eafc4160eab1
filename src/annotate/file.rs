//! Correction files: one TOML file per paper under `corpus/<survey>/annotations/`, each entry
//! naming the field, the new value, the value it replaces, who, when and why.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::field_path::FieldPath;
use crate::atomic::{read_text, write_atomic};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Replace the value.
    Set,
    /// Confirm the current value.
    Accept,
    /// Remove the value (or mark a run as not a training run).
    Reject,
    /// A remark; changes nothing.
    Note,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Set => "set",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub field: String,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value shown when the correction was made ("" when there was none).
    #[serde(default)]
    pub replaces: String,
    pub by: String,
    pub at: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    pub paper: String,
    #[serde(default, rename = "correction")]
    pub corrections: Vec<Correction>,
}

/// The annotation folder of a survey.
#[derive(Debug, Clone)]
pub struct AnnotationStore {
    pub dir: PathBuf,
}

/// Line (1-based) of the `k`-th `[[correction]]` table in `text`, for error messages.
fn correction_line(text: &str, k: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[correction]]"))
        .nth(k)
        .map(|(i, _)| i + 1)
        .unwrap_or(1)
}

/// Parses and checks a correction file; errors name the file, line and field.
pub fn parse_file(name: &str, text: &str) -> Result<AnnotationFile> {
    let f: AnnotationFile =
        toml::from_str(text).map_err(|e| crate::error::toml_error(name, text, &e))?;
    for (k, c) in f.corrections.iter().enumerate() {
        let line = correction_line(text, k);
        let bad = |m: String| Error::Parse {
            file: name.to_string(),
            line,
            message: format!("correction {} (field {:?}): {m}", k + 1, c.field),
        };
        let path: FieldPath = c.field.parse().map_err(bad)?;
        if c.action == Action::Set && c.value.is_none() {
            return Err(bad("a `set` needs a value".into()));
        }
        if c.by.trim().is_empty() {
            return Err(bad("`by` (who) is empty".into()));
        }
        if matches!(path, FieldPath::Run(_)) && c.action == Action::Set {
            return Err(bad("a whole run cannot be set; set its fields".into()));
        }
    }
    Ok(f)
}

impl AnnotationStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        AnnotationStore { dir: dir.into() }
    }

    fn check_id(paper: &str) -> Result<()> {
        let ok = !paper.is_empty()
            && !paper.starts_with('.')
            && paper
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok {
            Ok(())
        } else {
            Err(Error::invalid(
                paper,
                "not a paper id (letters, digits, '-', '_', '.')",
            ))
        }
    }

    pub fn path(&self, paper: &str) -> PathBuf {
        self.dir.join(format!("{paper}.toml"))
    }

    /// The corrections of one paper (an empty file when there are none yet).
    pub fn load(&self, paper: &str) -> Result<AnnotationFile> {
        Self::check_id(paper)?;
        let p = self.path(paper);
        if !p.exists() {
            return Ok(AnnotationFile {
                paper: paper.to_string(),
                corrections: Vec::new(),
            });
        }
        let f = parse_file(&p.display().to_string(), &read_text(&p)?)?;
        if f.paper != paper {
            return Err(Error::invalid(
                p.display().to_string(),
                format!("file is named for {paper} but says paper = {:?}", f.paper),
            ));
        }
        Ok(f)
    }

    /// Every correction file, sorted by paper id.
    pub fn load_all(&self) -> Result<Vec<AnnotationFile>> {
        if !self.dir.exists() {
            return Ok(Vec::new());
        }
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map_err(|e| Error::read(&self.dir, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                self.load(stem)
            })
            .collect()
    }

    /// Appends a correction and rewrites the file atomically.
    pub fn append(&self, paper: &str, c: Correction) -> Result<PathBuf> {
        let mut f = self.load(paper)?;
        f.corrections.push(c);
        self.save(&f)
    }

    pub fn save(&self, f: &AnnotationFile) -> Result<PathBuf> {
        Self::check_id(&f.paper)?;
        let p = self.path(&f.paper);
        let body = toml::to_string(f)
            .map_err(|e| Error::invalid(p.display().to_string(), e.to_string()))?;
        let text = format!(
            "# Corrections to {} (greenmir annotate). They overlay extraction on every run.\n{body}",
            f.paper
        );
        write_atomic(&p, text.as_bytes())?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corr(field: &str, value: &str) -> Correction {
        Correction {
            field: field.into(),
            action: Action::Set,
            value: Some(value.into()),
            replaces: String::new(),
            by: "ann".into(),
            at: "2026-01-01T00:00:00Z".into(),
            reason: "test".into(),
        }
    }

    #[test]
    fn round_trips_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let s = AnnotationStore::new(dir.path());
        s.append("p-1", corr("runs[0].count", "8")).unwrap();
        s.append("p-1", corr("runs[0].hours", "72")).unwrap();
        let f = s.load("p-1").unwrap();
        assert_eq!(f.corrections.len(), 2);
        assert_eq!(f.corrections[1].value.as_deref(), Some("72"));
        assert!(s.load("../x").is_err());
    }

    #[test]
    fn bad_hand_edit_names_file_line_and_field() {
        let text = "paper = \"p\"\n\n[[correction]]\nfield = \"runs[0].count\"\naction = \"set\"\nvalue = \"8\"\nby = \"a\"\nat = \"t\"\n\n[[correction]]\nfield = \"runs[0].colour\"\naction = \"set\"\nvalue = \"red\"\nby = \"a\"\nat = \"t\"\n";
        let err = parse_file("p.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("p.toml, line 10: correction 2 (field \"runs[0].colour\")"),
            "{err}"
        );
        let err = parse_file("p.toml", "paper = \"p\"\n[[correction]]\nfield = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("p.toml, line 3"), "{err}");
    }
}
