//! The whole survey in one call: crawl → text → extract → locate → estimate → tables.
//!
//! Each stage is a plain function over the survey's records, called in order; each skips
//! work already done (PDFs by URL index and content hash, text by content hash and
//! extractor version), so an interrupted survey re-runs cheaply.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::crawl::{self, CrawlOptions, CrawlReport, SurveyConfig};
use crate::error::Result;
use crate::estimate::{CountryCounting, Method};
use crate::extract::Extraction;
use crate::geo::Location;
use crate::model::{Affiliation, DisclosureLevel, Origin, PaperRecord};
use crate::reference::Reference;
use crate::survey::Survey;
use crate::text::{TextCache, EXTRACTOR_VERSION};

/// What one stage did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StageSummary {
    pub stage: String,
    /// Items processed now.
    pub done: usize,
    /// Items already done by an earlier run (cache hit).
    pub skipped: usize,
    pub failed: usize,
    /// `(paper id, reason)` for each failure.
    pub failures: Vec<(String, String)>,
    pub seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StageSummary {
    fn new(stage: &str) -> Self {
        StageSummary {
            stage: stage.to_string(),
            ..Default::default()
        }
    }

    pub fn render(&self) -> String {
        let mut s = format!(
            "{}: {} done, {} already done, {} failed ({:.1} s)",
            self.stage, self.done, self.skipped, self.failed, self.seconds
        );
        if let Some(n) = &self.note {
            s.push_str(&format!(" — {n}"));
        }
        for (id, why) in &self.failures {
            s.push_str(&format!("\n  {id}: {why}"));
        }
        s
    }
}

/// The closing summary of `greenmir survey`.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyReport {
    pub survey: String,
    pub crawl: CrawlReport,
    pub stages: Vec<StageSummary>,
    pub papers: usize,
    pub fetched_or_cached: usize,
    pub failed: usize,
    /// Papers stating training hardware or time (disclosure full or partial).
    pub reported: usize,
    pub estimated: usize,
    pub kwh: f64,
    pub tco2e: f64,
    pub tables: String,
    pub seconds: f64,
    pub papers_per_second: f64,
}

impl SurveyReport {
    pub fn render(&self) -> String {
        let mut s = self.crawl.render();
        for st in &self.stages {
            s.push('\n');
            s.push_str(&st.render());
        }
        s.push_str(&format!(
            "\n\nsurvey {}: {} papers found, {} PDFs in hand, {} failed; {} report training \
             compute, {} estimated: {:.2} kWh, {:.4} tCO2e\ntables in {}\n{:.1} s ({:.2} papers/s)",
            self.survey,
            self.papers,
            self.fetched_or_cached,
            self.failed,
            self.reported,
            self.estimated,
            self.kwh + 0.0,
            self.tco2e + 0.0,
            self.tables,
            self.seconds,
            self.papers_per_second
        ));
        s
    }
}

/// Settings of a whole-survey run.
#[derive(Default)]
pub struct SurveyOptions {
    pub crawl: CrawlOptions,
    /// Estimation method id or TOML file (default `greenmir2024`).
    pub method: Option<String>,
    /// Tables folder (default `tables/<survey>/`).
    pub out: Option<PathBuf>,
}

/// Runs every stage in order.
pub fn run_survey(
    root: &Path,
    cfg: &SurveyConfig,
    opts: SurveyOptions,
    reference: &Reference,
) -> Result<SurveyReport> {
    let start = Instant::now();
    let crawl_report = crawl::crawl(root, cfg, &opts.crawl)?;
    let survey = Survey::open(root, &crawl_report.survey)?;
    let cache = root.join(&cfg.http.cache_dir);
    let mut records = survey.load_stored()?;

    let mut stages = vec![text_stage(&cache, &records)];
    stages.extend(read_stage(&cache, &mut records, reference));
    survey.save(&records)?;

    let t = Instant::now();
    let method = Method::find(opts.method.as_deref().unwrap_or("greenmir2024"))?;
    // Tables from the records with the annotators' corrections, as every other command.
    let (resolved, _issues) = survey.load_resolved(reference)?;
    let mut tables = crate::tables::build(
        &survey.name,
        &resolved,
        &method,
        reference,
        CountryCounting::Iso,
    )?;
    let out = opts
        .out
        .unwrap_or_else(|| root.join("tables").join(&survey.name));
    let files = tables.write(&out)?;
    let mut st = StageSummary::new("estimate + tables");
    st.done = files.len();
    st.seconds = round2(t.elapsed().as_secs_f64());
    st.note = Some(format!("method {}", method.id));
    stages.push(st);

    let sm = &tables.summary;
    let reported = resolved
        .iter()
        .filter(|r| r.disclosure_level() != DisclosureLevel::None)
        .count();
    let seconds = start.elapsed().as_secs_f64();
    Ok(SurveyReport {
        survey: survey.name.clone(),
        papers: records.len(),
        fetched_or_cached: crawl_report.fetched + crawl_report.cached,
        failed: crawl_report.failed,
        crawl: crawl_report,
        stages,
        reported,
        estimated: sm.estimated,
        kwh: sm.kwh_sum.max(0.0),
        tco2e: (sm.kgco2e_sum / 1000.0).max(0.0),
        tables: out.display().to_string(),
        seconds: round2(seconds),
        papers_per_second: if seconds > 0.0 {
            round2(records.len() as f64 / seconds)
        } else {
            0.0
        },
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Text of every cached PDF into `cache/text/` (keyed by content hash and extractor
/// version), on all cores. A PDF that cannot be read is a failure of that paper only.
pub fn text_stage(cache_dir: &Path, records: &[PaperRecord]) -> StageSummary {
    let start = Instant::now();
    let mut summary = StageSummary::new("text");
    let text_dir = cache_dir.join("text");
    let jobs: Vec<(String, String, bool)> = records
        .iter()
        .filter_map(|r| {
            let sha = r.paper.sha256.clone()?;
            let cached = text_dir
                .join(format!("{sha}-{EXTRACTOR_VERSION}.json"))
                .exists();
            Some((r.paper.id.clone(), sha, cached))
        })
        .collect();
    let cache = TextCache::new(&text_dir);
    let mut results = crate::extract::batch::par_map(&jobs, |(id, sha, cached)| {
        let pdf = cache_dir.join("pdf").join(format!("{sha}.pdf"));
        // A PDF library panic is one paper's failure, not the survey's.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cache.read_hashed(&pdf, sha)
        }));
        let error = match outcome {
            Ok(Ok(_)) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => Some("the PDF reader crashed on this file".to_string()),
        };
        (id.clone(), *cached, error)
    });
    results.sort();
    for (id, cached, error) in results {
        match error {
            Some(e) => {
                summary.failed += 1;
                summary.failures.push((id, e));
            }
            None if cached => summary.skipped += 1,
            None => summary.done += 1,
        }
    }
    summary.seconds = round2(start.elapsed().as_secs_f64());
    summary
}

/// Whether a record's runs came only from extraction (so re-extraction may replace them).
/// Imported or annotated runs are someone's judgement and are never replaced.
fn runs_are_extracted(rec: &PaperRecord) -> bool {
    rec.runs.iter().all(|r| {
        [
            r.hardware.as_ref().map(|f| &f.origin),
            r.count.as_ref().map(|f| &f.origin),
            r.hours.as_ref().map(|f| &f.origin),
            r.tdp_w.as_ref().map(|f| &f.origin),
        ]
        .into_iter()
        .flatten()
        .all(|o| matches!(o, Origin::Extracted { .. }))
    })
}

/// Whether the record's affiliations and countries came only from the author block (so
/// locating again may replace them). A person's or an import's are never replaced.
fn location_is_extracted(rec: &PaperRecord) -> bool {
    rec.affiliations
        .iter()
        .map(|a| &a.origin)
        .chain(rec.countries.iter().map(|c| &c.origin))
        .all(|o| matches!(o, Origin::Extracted { .. }))
}

/// What reading one paper's text gave each stage.
struct PaperRead {
    extraction: Option<Extraction>,
    located: Option<Vec<(Affiliation, Location)>>,
}

/// The extract and locate stages in one pass over each paper's cached text, on all cores:
/// training runs, other hardware use and the `reported` flag; affiliations and countries
/// from the author block. The text is read once and the author block located once per
/// paper; runs, affiliations or countries that were imported or annotated are kept as they
/// are. Returns the two stages' summaries.
pub fn read_stage(
    cache_dir: &Path,
    records: &mut [PaperRecord],
    reference: &Reference,
) -> [StageSummary; 2] {
    let start = Instant::now();
    let mut extract = StageSummary::new("extract");
    let mut locate = StageSummary::new("locate");
    let cache = TextCache::new(cache_dir.join("text"));
    let jobs: Vec<(usize, String, bool, bool)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let sha = r.paper.sha256.clone()?;
            Some((i, sha, runs_are_extracted(r), location_is_extracted(r)))
        })
        .filter(|(_, _, runs, place)| *runs || *place)
        .collect();
    extract.skipped = records.len() - jobs.iter().filter(|j| j.2).count();
    locate.skipped = records.len() - jobs.iter().filter(|j| j.3).count();
    let results = crate::extract::batch::par_map(&jobs, |(i, sha, runs, place)| {
        let pdf = cache_dir.join("pdf").join(format!("{sha}.pdf"));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = cache.read_hashed(&pdf, sha).map_err(|e| e.to_string())?;
            let found = crate::geo::affiliations_from(&doc, &reference.gazetteer);
            let extraction = runs.then(|| crate::extract::extract_located(&doc, reference, &found));
            Ok::<_, String>(PaperRead {
                extraction,
                located: place.then_some(found),
            })
        }));
        let read = outcome.unwrap_or_else(|_| Err("extraction crashed on this paper".into()));
        (*i, *runs, *place, read)
    });
    for (i, runs, place, read) in results {
        let rec = &mut records[i];
        match read {
            Ok(read) => {
                if let Some(ex) = read.extraction {
                    ex.apply_to(rec);
                    extract.done += 1;
                }
                if let Some(found) = read.located {
                    crate::geo::apply_located(rec, found, &reference.countries);
                    locate.done += 1;
                }
            }
            Err(e) => {
                for (wanted, summary) in [(runs, &mut extract), (place, &mut locate)] {
                    if wanted {
                        summary.failed += 1;
                        summary.failures.push((rec.paper.id.clone(), e.clone()));
                    }
                }
            }
        }
    }
    let seconds = round2(start.elapsed().as_secs_f64());
    extract.seconds = seconds;
    locate.seconds = seconds;
    locate.note = Some("read in the extract pass".into());
    [extract, locate]
}
