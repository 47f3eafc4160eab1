//! `greenmir agree --by A,B`: agreement between two annotators' corrections.

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::annotate::agreement;
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The two annotators, comma-separated.
    #[arg(long)]
    pub by: String,
    #[arg(long, default_value = "greenmir2024")]
    pub survey: String,
    /// Relative tolerance for numeric fields (count, hours, TDP).
    #[arg(long, default_value_t = 0.1)]
    pub tolerance: f64,
}

pub fn run(args: AgreeArgs, ctx: &Context) -> Result<()> {
    let names: Vec<&str> = args
        .by
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let [a, b] = names.as_slice() else {
        bail!("--by takes two names: --by A,B");
    };
    let survey = Survey::open(&ctx.global.root, &args.survey)?;
    let files = survey.annotations().load_all()?;
    let fields = agreement(&files, a, b, args.tolerance);
    if ctx.global.json {
        return ctx.print_json(&serde_json::json!({"a": a, "b": b, "fields": fields}));
    }
    if fields.is_empty() {
        ctx.say(&format!(
            "{a} and {b} have no field in common in survey {}",
            survey.name
        ));
        return Ok(());
    }
    let mut s = format!("agreement between {a} and {b} (survey {}):\n", survey.name);
    for f in &fields {
        s.push_str(&format!(
            "  {:<16} n={:<3} exact {:.2}{}{}\n",
            f.field,
            f.n,
            f.exact,
            f.kappa
                .map(|k| format!(", kappa {k:.2}"))
                .unwrap_or_default(),
            f.within_tolerance
                .map(|w| format!(", within ±{:.0}% {w:.2}", args.tolerance * 100.0))
                .unwrap_or_default()
        ));
        for d in &f.disagreements {
            s.push_str(&format!(
                "      {} {}: {a} {:?} vs {b} {:?}\n",
                d.paper, d.field, d.a, d.b
            ));
        }
    }
    ctx.say(s.trim_end());
    Ok(())
}
