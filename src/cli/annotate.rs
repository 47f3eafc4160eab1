//! `greenmir annotate PAPER set|accept|reject|note …`: corrections with an audit trail.

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand};

use super::Context;
use crate::annotate::{check_value, current_value, now_rfc3339, Action, Correction, FieldPath};
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Paper id (e.g. ismir2022-022).
    pub paper: String,
    #[command(subcommand)]
    pub action: AnnotateAction,
    #[arg(long, default_value = "greenmir2024", global = true)]
    pub survey: String,
    /// Who makes the correction.
    #[arg(long, global = true)]
    pub by: Option<String>,
    /// Why (quote the paper where you can).
    #[arg(long, global = true, default_value = "")]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum AnnotateAction {
    /// Replace a field's value: `set runs[0].count 8`.
    Set { field: String, value: String },
    /// Confirm a field's current value.
    Accept { field: String },
    /// Remove a field's value; `reject runs[1]` marks a run as not a training run.
    Reject { field: String },
    /// Leave a remark on a field (changes nothing).
    Note { field: String },
}

pub fn run(args: AnnotateArgs, ctx: &Context) -> Result<()> {
    let Some(by) = args.by.clone().filter(|b| !b.trim().is_empty()) else {
        bail!("say who you are: --by NAME");
    };
    let survey = Survey::open(&ctx.global.root, &args.survey)?;
    let (records, _) = survey
        .load_resolved(&ctx.reference)
        .with_context(|| format!("reading survey {}", survey.name))?;
    let Some(rec) = records.iter().find(|r| r.paper.id == args.paper) else {
        bail!("paper {:?} is not in survey {}", args.paper, survey.name);
    };
    let (action, field, value) = match &args.action {
        AnnotateAction::Set { field, value } => (Action::Set, field, Some(value.clone())),
        AnnotateAction::Accept { field } => (Action::Accept, field, None),
        AnnotateAction::Reject { field } => (Action::Reject, field, None),
        AnnotateAction::Note { field } => (Action::Note, field, None),
    };
    let path: FieldPath = field.parse().map_err(|e: String| anyhow::anyhow!(e))?;
    let value = match value {
        Some(v) => Some(
            check_value(&path, &v, &ctx.reference).map_err(|e| anyhow::anyhow!("{path}: {e}"))?,
        ),
        None => None,
    };
    let replaces = current_value(rec, &path).unwrap_or_default();
    if action == Action::Accept && replaces.is_empty() {
        bail!("{path} has no value to accept");
    }
    if action == Action::Note && args.reason.trim().is_empty() {
        bail!("a note needs --reason");
    }
    let c = Correction {
        field: path.to_string(),
        action,
        value: value.clone(),
        replaces: replaces.clone(),
        by,
        at: now_rfc3339(),
        reason: args.reason.clone(),
    };
    let file = survey.annotations().append(&args.paper, c.clone())?;
    if ctx.global.json {
        return ctx.print_json(&serde_json::json!({"file": file, "correction": c}));
    }
    ctx.say(&format!(
        "{} {} {}{} (was {:?}) by {} — saved to {}",
        args.paper,
        action.as_str(),
        path,
        value.map(|v| format!(" = {v}")).unwrap_or_default(),
        replaces,
        c.by,
        file.display()
    ));
    Ok(())
}
