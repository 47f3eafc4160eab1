//! The command line: argument structs and one `run` per subcommand, glue only.

mod agree;
mod annotate;
mod audit;
mod bench;
mod compare;
mod crawl;
mod estimate;
mod eval;
mod explain;
mod extract;
mod import;
mod locate;
mod reference;
mod review;
mod score;
mod site;
mod survey;
mod tables;
mod text;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::{Args, Parser, Subcommand};

use crate::reference::Reference;

/// greenmir: literature footprint surveys, every number traceable to its source.
#[derive(Debug, Parser)]
#[command(name = "greenmir", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand shares.
#[derive(Debug, Args)]
pub struct Global {
    /// Project root holding corpus/ and tables/.
    #[arg(long, global = true, env = "GREENMIR_ROOT", default_value = ".")]
    pub root: PathBuf,
    /// A folder of reference CSVs overriding the built-in ones (same file names).
    #[arg(long, global = true, env = "GREENMIR_REFERENCE")]
    pub reference: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up reference data: hardware, carbon intensity, PUE presets, methods.
    #[command(subcommand)]
    Reference(reference::ReferenceCommand),
    /// Import another survey's data as records (origin `imported`).
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Estimate every paper of a survey and write the tables and plots.
    Tables(tables::TablesArgs),
    /// Recompute a published footprint table and flag rows that do not follow.
    Audit(audit::AuditArgs),
    /// Estimate one run from its numbers (a calculator with full provenance).
    Estimate(estimate::EstimateArgs),
    /// A paper's text with page numbers (PDF, LaTeX or plain text).
    Text(text::TextArgs),
    /// Correct a field of a paper (set, accept, reject, note), with who, when and why.
    Annotate(annotate::AnnotateArgs),
    /// Agreement between two annotators' corrections.
    Agree(agree::AgreeArgs),
    /// A survey against a reference survey (e.g. PDFs vs. the Green MIR sheets): matched
    /// papers, agreement rates with their denominators, kWh sums, disagreements with evidence.
    Compare(compare::CompareArgs),
    /// How a paper was scored: every value, its origin and quote, the arithmetic.
    Explain(explain::ExplainArgs),
    /// A static HTML site of a survey: tables, plots, one explanation page per paper.
    Site(site::SiteArgs),
    /// The local review web UI (127.0.0.1, session token).
    Review(review::ReviewArgs),
    /// For authors: what a reader can extract from your paper, what a disclosure lacks, the
    /// footprint, and a disclosure sentence.
    Score(score::ScoreArgs),
    /// Affiliation strings → ISO countries (or an abstention with candidates); --eval scores
    /// a labelled CSV.
    Locate(locate::LocateArgs),
    /// Training runs (hardware, device count, hours) and other hardware use, with evidence.
    Extract(extract::ExtractArgs),
    /// Score extraction against a gold file and list every miss.
    Eval(eval::EvalArgs),
    /// Throughput of text and extraction over a folder of PDFs, next to pdftotext.
    Bench(bench::BenchArgs),
    /// List a survey's papers from its sources and fetch the PDFs politely.
    Crawl(crawl::CrawlArgs),
    /// The whole survey: crawl → text → extract → locate → estimate → tables.
    Survey(survey::SurveyArgs),
}

/// Resolved once, before any work: paths and reference data.
pub struct Context {
    pub global: Global,
    pub reference: Reference,
}

impl Context {
    pub fn new(global: Global) -> Result<Self> {
        let reference =
            Reference::load(global.reference.as_deref()).with_context(|| {
                match &global.reference {
                    Some(d) => format!("loading reference data from {}", d.display()),
                    None => "loading the built-in reference data".to_string(),
                }
            })?;
        Ok(Context { global, reference })
    }

    /// Prints a line unless `--quiet`.
    pub fn say(&self, text: &str) {
        if !self.global.quiet {
            out(text);
        }
    }

    pub fn print_json<T: serde::Serialize>(&self, value: &T) -> Result<()> {
        out(&serde_json::to_string_pretty(value)?);
        Ok(())
    }
}

/// Writes a line to stdout; a closed pipe (`greenmir text x.pdf | head`) ends the program
/// quietly instead of panicking.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{text}").and_then(|_| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to stdout: {e}");
        std::process::exit(1);
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(cli.global)?;
    match cli.command {
        Command::Reference(c) => reference::run(c, &ctx),
        Command::Import(c) => import::run(c, &ctx),
        Command::Tables(a) => tables::run(a, &ctx),
        Command::Audit(a) => audit::run(a, &ctx),
        Command::Estimate(a) => estimate::run(a, &ctx),
        Command::Text(a) => text::run(a, &ctx),
        Command::Annotate(a) => annotate::run(a, &ctx),
        Command::Agree(a) => agree::run(a, &ctx),
        Command::Compare(a) => compare::run(a, &ctx),
        Command::Explain(a) => explain::run(a, &ctx),
        Command::Site(a) => site::run(a, &ctx),
        Command::Review(a) => review::run(a, &ctx),
        Command::Score(a) => score::run(a, &ctx),
        Command::Locate(a) => locate::run(a, &ctx),
        Command::Extract(a) => extract::run(a, &ctx),
        Command::Eval(a) => eval::run(a, &ctx),
        Command::Bench(a) => bench::run(a, &ctx),
        Command::Crawl(a) => crawl::run(a, &ctx),
        Command::Survey(a) => survey::run(a, &ctx),
    }
}
