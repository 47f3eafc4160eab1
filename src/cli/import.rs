//! `greenmir import …`: other surveys' data into a survey's records.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use serde_json::json;

use super::Context;
use crate::import::{
    import_greenmir2024, import_greenmir_sheets, import_greenmir_table, import_ismir_cmt, merge,
    GREENMIR2024_PATH,
};
use crate::survey::Survey;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The Green MIR study's published per-paper figures (Holzapfel et al., ISMIR 2024),
    /// shipped as a curated table (corpus/examples/greenmir2024.csv): no sheets needed.
    Greenmir2024 {
        /// A table in the same layout instead of the shipped one.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Survey to write (corpus/<survey>/papers.jsonl).
        #[arg(long, default_value = "greenmir2024")]
        survey: String,
    },
    /// The Green MIR study's two CSV sheets (corpus 1 and 2) from DIR.
    GreenmirSheets {
        dir: PathBuf,
        /// Survey to write (corpus/<survey>/papers.jsonl).
        #[arg(long, default_value = "greenmir2024")]
        survey: String,
    },
    /// The ISMIR conference system's (CMT) metadata export: authors and affiliations of
    /// every paper, each affiliation located (merged into an existing survey).
    IsmirCmt {
        /// The export: a CSV with PaperID, Title, AuthorDetails (and AuthorNames to cross-check).
        file: PathBuf,
        /// Survey to write (default: ismir<YEAR>).
        #[arg(long)]
        survey: Option<String>,
        /// Conference year (default: the 4 digits after "ismir" in the file name).
        #[arg(long)]
        year: Option<i32>,
        /// The conference-archive proceedings JSON of that year: papers are matched by title
        /// and get proceedings ids (ismir2023-002) instead of CMT ids (ismir2023-cmt-11).
        #[arg(long)]
        proceedings: Option<PathBuf>,
        /// Only update papers the survey already has (to enrich another survey, e.g.
        /// greenmir2024, without adding the conference's other papers to it).
        #[arg(long)]
        update_only: bool,
    },
}

pub fn run(cmd: ImportCommand, ctx: &Context) -> Result<()> {
    match cmd {
        ImportCommand::Greenmir2024 { file, survey } => {
            let survey = Survey::open(&ctx.global.root, &survey)?;
            let report = match &file {
                Some(f) => {
                    let text = std::fs::read_to_string(f).map_err(|e| crate::Error::read(f, e))?;
                    import_greenmir_table(&f.display().to_string(), &text, &ctx.reference)
                }
                None => import_greenmir2024(&ctx.reference),
            }
            .context("importing the Green MIR table")?;
            survey.save(&report.records)?;
            let with_runs = report.records.iter().filter(|r| !r.runs.is_empty()).count();
            let table = file
                .map(|f| f.display().to_string())
                .unwrap_or_else(|| format!("{GREENMIR2024_PATH} (built in)"));
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "survey": survey.name, "file": survey.papers_path(), "table": table,
                    "papers": report.records.len(), "papers_with_runs": with_runs,
                    "warnings": report.warnings,
                }));
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            ctx.say(&format!(
                "imported {} papers ({} with compute figures) from {table} into {}",
                report.records.len(),
                with_runs,
                survey.papers_path().display()
            ));
        }
        ImportCommand::GreenmirSheets { dir, survey } => {
            let survey = Survey::open(&ctx.global.root, &survey)?;
            let report = import_greenmir_sheets(&dir, &ctx.reference)
                .with_context(|| format!("importing Green MIR sheets from {}", dir.display()))?;
            survey.save(&report.records)?;
            let with_runs = report.records.iter().filter(|r| !r.runs.is_empty()).count();
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "survey": survey.name, "file": survey.papers_path(),
                    "sheets": report.sheets, "papers": report.records.len(),
                    "papers_with_runs": with_runs, "warnings": report.warnings,
                }));
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            ctx.say(&format!(
                "imported {} papers ({} with compute figures) from {} sheets into {}",
                report.records.len(),
                with_runs,
                report.sheets.len(),
                survey.papers_path().display()
            ));
        }
        ImportCommand::IsmirCmt {
            file,
            survey,
            year,
            proceedings,
            update_only,
        } => {
            // A missing file is the first thing to say, before any question about the year.
            std::fs::metadata(&file).map_err(|e| crate::Error::read(&file, e))?;
            let year = match year.or_else(|| year_in_name(&file)) {
                Some(y) => y,
                None => anyhow::bail!(
                    "cannot tell the conference year from {}; give --year",
                    file.display()
                ),
            };
            let survey = Survey::open(
                &ctx.global.root,
                &survey.unwrap_or_else(|| format!("ismir{year}")),
            )?;
            let report = import_ismir_cmt(&file, year, proceedings.as_deref(), &ctx.reference)
                .with_context(|| format!("importing the CMT export {}", file.display()))?;
            let existing = if survey.exists() {
                survey.load_stored()?
            } else {
                Vec::new()
            };
            let mut imported = report.records.clone();
            if update_only {
                imported = crate::import::ismir_cmt::only_matching(&existing, imported);
            }
            let (records, stats) = merge(existing, imported);
            survey.save(&records)?;
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "survey": survey.name, "file": survey.papers_path(), "report": report,
                    "merge": stats, "reference_version": ctx.reference.version,
                }));
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            ctx.say(&format!(
                "imported {} papers, {} authors: {} affiliations located, {} without a country (ambiguous or unknown){}\n{} added, {} updated ({} kept their existing countries) in {}",
                report.papers,
                report.authors,
                report.located,
                report.abstained,
                if proceedings.is_some() {
                    format!("; {} matched to the proceedings by title", report.matched_to_proceedings)
                } else {
                    String::new()
                },
                stats.added,
                stats.updated,
                stats.countries_kept,
                survey.papers_path().display()
            ));
        }
    }
    Ok(())
}

/// "ismir2023_cmt-metadata.csv" → 2023.
fn year_in_name(path: &std::path::Path) -> Option<i32> {
    let name = path.file_name()?.to_str()?.to_lowercase();
    let at = name.find("ismir")? + 5;
    name.get(at..at + 4)?.parse().ok()
}
