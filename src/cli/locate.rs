//! `greenmir locate`: affiliation strings → countries, one per argument or line; `--eval`
//! scores a labelled CSV; `--doc` reads papers' own author blocks; `--eval-gold` scores
//! those against the corpus's gold countries.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::atomic::read_text;
use crate::geo::authors::gold::{evaluate_gold, GoldReport};
use crate::geo::eval::{evaluate, EvalCase, EvalReport};
use crate::geo::{affiliations_from, locate, paper_countries, Location};
use crate::text::{read_document, TextCache};

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
    /// Read the author block of papers (PDF, .tex, LaTeX folder or .txt) and print the
    /// affiliations found and the paper's countries.
    #[arg(long, num_args = 1.., conflicts_with_all = ["affiliations", "file", "eval"])]
    pub doc: Vec<PathBuf>,
    /// Score the countries read from each paper's document against a gold file (JSON lines
    /// with id and countries; manifest.csv beside it names the documents): per-paper set
    /// F1, micro and macro, and every miss.
    #[arg(long, conflicts_with_all = ["affiliations", "file", "eval", "doc"])]
    pub eval_gold: Option<PathBuf>,
    /// Where the gold file's documents are (default: papers/ beside it).
    #[arg(long, requires = "eval_gold")]
    pub docs: Option<PathBuf>,
    /// Read documents again instead of using corpus/cache/text/.
    #[arg(long)]
    pub no_cache: bool,
}

/// One document's affiliations and countries (`--doc`).
#[derive(Debug, Serialize)]
struct DocAffiliations {
    document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    affiliations: Vec<Location>,
    countries: Vec<String>,
}

pub fn run(args: LocateArgs, ctx: &Context) -> Result<()> {
    let g = &ctx.reference.gazetteer;
    let cache = TextCache::new(ctx.global.root.join("corpus/cache/text"));
    let read = |p: &Path| {
        if args.no_cache {
            read_document(p)
        } else {
            cache.read(p)
        }
    };
    if let Some(gold) = &args.eval_gold {
        let report = evaluate_gold(g, gold, args.docs.as_deref(), read)
            .with_context(|| format!("scoring {}", gold.display()))?;
        if ctx.global.json {
            return ctx.print_json(&report);
        }
        ctx.say(&render_gold(&report));
        return Ok(());
    }
    if !args.doc.is_empty() {
        let mut failed = 0;
        let mut out = Vec::new();
        for p in &args.doc {
            let d = match read(p) {
                Ok(doc) => {
                    let found = affiliations_from(&doc, g);
                    DocAffiliations {
                        document: p.display().to_string(),
                        error: None,
                        countries: paper_countries(&found),
                        affiliations: found.into_iter().map(|(_, l)| l).collect(),
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("warning: {}: {e}", p.display());
                    DocAffiliations {
                        document: p.display().to_string(),
                        error: Some(e.to_string()),
                        affiliations: Vec::new(),
                        countries: Vec::new(),
                    }
                }
            };
            out.push(d);
        }
        if ctx.global.json {
            ctx.print_json(&out)?;
        } else {
            for d in &out {
                ctx.say(&format!(
                    "{}: countries {}",
                    d.document,
                    if d.countries.is_empty() {
                        "none".to_string()
                    } else {
                        d.countries.join(", ")
                    }
                ));
                for l in &d.affiliations {
                    ctx.say(&format!("  {}", render(l)));
                }
            }
        }
        if failed > 0 {
            bail!("{failed} of {} documents could not be read", out.len());
        }
        return Ok(());
    }
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
        bail!(
            "give affiliation strings, --file FILE, --eval FILE, --doc PATH… or --eval-gold FILE"
        );
    }
    let locs: Vec<Location> = inputs.iter().map(|s| locate(g, s)).collect();
    if ctx.global.json {
        // One object per line, as scripts stream it (JSON Lines).
        for l in &locs {
            crate::cli::out(&serde_json::to_string(l)?);
        }
        return Ok(());
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

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "-".to_string()
    } else {
        v.join(",")
    }
}

fn render_gold(r: &GoldReport) -> String {
    let mut s = format!(
        "{}: {} papers ({} unreadable), documents in {}\n  countries per paper: micro F1 {:.4} (precision {:.4}, recall {:.4}; tp {}, fp {}, fn {}), macro F1 {:.4}; exact sets {} of {}\nmisses: {}\n",
        r.gold_file,
        r.papers,
        r.unreadable,
        r.docs,
        r.micro_f1,
        r.precision,
        r.recall,
        r.tp,
        r.fp,
        r.fn_,
        r.macro_f1,
        r.exact,
        r.papers,
        r.misses.len()
    );
    for p in &r.misses {
        s.push_str(&format!(
            "  {}: gold {} predicted {}{}\n",
            p.id,
            list(&p.gold),
            list(&p.predicted),
            p.error
                .as_ref()
                .map(|e| format!(" (unreadable: {e})"))
                .unwrap_or_default()
        ));
        for a in &p.affiliations {
            s.push_str(&format!(
                "    {:?} → {}\n",
                a.text,
                a.country.as_deref().unwrap_or("-")
            ));
        }
    }
    s.trim_end().to_string()
}
