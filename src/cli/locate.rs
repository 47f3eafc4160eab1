//! `greenmir locate`: affiliation strings → countries, one per argument or line; `--eval`
//! scores a labelled CSV.

use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use clap::Args;

use super::Context;
use crate::atomic::read_text;
use crate::geo::eval::{evaluate, EvalCase, EvalReport};
use crate::geo::{locate, Location};

#[derive(Debug, Args)]
pub struct LocateArgs {
    /// Affiliation strings (quote each one).
    pub affiliations: Vec<String>,
    /// Read affiliation strings from FILE, one per line ("-" = standard input).
    #[arg(long, short)]
    pub file: Option<PathBuf>,
    /// Score a labelled CSV (columns affiliation, country, country_basis) and list every
    /// miss and wrong answer.
    #[arg(long, conflicts_with_all = ["affiliations", "file"])]
    pub eval: Option<PathBuf>,
}

pub fn run(args: LocateArgs, ctx: &Context) -> Result<()> {
    let g = &ctx.reference.gazetteer;
    if let Some(path) = &args.eval {
        let text = read_text(path)?;
        let report = evaluate(g, &path.display().to_string(), &text)
            .with_context(|| format!("scoring {}", path.display()))?;
        if ctx.global.json {
            return ctx.print_json(&report);
        }
        ctx.say(&render_report(&report));
        return Ok(());
    }
    let mut inputs = args.affiliations.clone();
    if let Some(path) = &args.file {
        let text = if path.as_os_str() == "-" {
            std::io::read_to_string(std::io::stdin()).context("reading standard input")?
        } else {
            read_text(path)?
        };
        inputs.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r').to_string())
                .filter(|l| !l.trim().is_empty()),
        );
    }
    if inputs.is_empty() {
        bail!("give affiliation strings, --file FILE or --eval FILE");
    }
    let locs: Vec<Location> = inputs.iter().map(|s| locate(g, s)).collect();
    if ctx.global.json {
        return ctx.print_json(&locs);
    }
    for l in &locs {
        ctx.say(&render(l));
    }
    Ok(())
}

fn render(l: &Location) -> String {
    match &l.iso2 {
        Some(c) => {
            let mut s = format!(
                "{:?} → {c} ({} {:?}, confidence {:.2})",
                l.input,
                l.basis.map(|b| b.as_str()).unwrap_or("?"),
                l.matched,
                l.confidence
            );
            if let Some(n) = &l.note {
                s.push_str(&format!("; {n}"));
            }
            s
        }
        None => {
            let mut s = format!(
                "{:?} → no country: {}",
                l.input,
                l.abstain_reason.as_deref().unwrap_or("?")
            );
            if !l.candidates.is_empty() {
                s.push_str(&format!(" (candidates {})", l.candidates.join(", ")));
            }
            s
        }
    }
}

fn case_line(c: &EvalCase) -> String {
    format!(
        "  line {}: {:?} gold {} got {}{}{}",
        c.line,
        c.affiliation,
        c.gold.as_deref().unwrap_or("-"),
        c.got.as_deref().unwrap_or("-"),
        if c.candidates.is_empty() {
            String::new()
        } else {
            format!(" (candidates {})", c.candidates.join(", "))
        },
        c.why
            .as_ref()
            .map(|w| format!(" — {w}"))
            .unwrap_or_default()
    )
}

fn render_report(r: &EvalReport) -> String {
    let mut s = format!(
        "{}: {} rows\n  rows with a country: {}; answered {} ({:.1}%), correct {} — accuracy {:.1}% of answered, {:.1}% of all\n  ambiguous rows: {}; abstained on {} ({:.1}%)\n  other rows without a country: {}; answered {}\n",
        r.file,
        r.rows,
        r.with_country,
        r.answered,
        r.answered_share * 100.0,
        r.correct,
        r.accuracy * 100.0,
        r.strict_accuracy * 100.0,
        r.ambiguous,
        r.ambiguous_abstained,
        r.ambiguous_abstention * 100.0,
        r.other_no_country,
        r.other_no_country_answered
    );
    for (title, cases) in [
        ("wrong answers", &r.wrong),
        ("not answered", &r.missed),
        ("answered although ambiguous", &r.ambiguous_answered),
    ] {
        s.push_str(&format!("{title}: {}\n", cases.len()));
        for c in cases {
            s.push_str(&case_line(c));
            s.push('\n');
        }
    }
    s.trim_end().to_string()
}
