//! greenmir: literature footprint surveys.
//!
//! The stages, each a module with plain inputs and outputs:
//! - [`model`]: papers, runs, fields with origins, estimates with intervals;
//! - [`reference`]: hardware catalog, carbon intensity, PUE presets, countries, the gazetteer
//!   of institutions, places and email domains (versioned);
//! - [`geo`]: affiliations → countries with the gazetteer;
//! - [`survey`]: a survey's records on disk (`corpus/<survey>/papers.jsonl`);
//! - [`crawl`]: paper lists from sources (ISMIR archive, ismir.net, DBLP, Zenodo, HTML
//!   listings, folders) and a polite HTTP client fetching PDFs into the cache;
//! - [`text`]: PDF/LaTeX/plain text with page numbers, normalised, cached;
//! - [`extract`]: training runs (hardware, count, hours) with evidence, and their scoring;
//! - [`import`]: other surveys' data (the Green MIR sheets) as records;
//! - [`estimate`]: named methods (TOML profiles) applied to records;
//! - [`compare`]: a survey against a reference survey (matching, agreement rates);
//! - [`annotate`]: corrections with an audit trail, overlaid on records; agreement;
//! - [`explain`]: how a paper was scored, as text, Markdown or HTML;
//! - [`review`]: the local review web UI;
//! - [`sample`]: the embedded sample corpus, typeset to PDF;
//! - [`tables`]: per-paper, per-year and per-country tables, plots and a summary;
//! - [`audit`]: recomputing a published table;
//! - [`pipeline`]: the whole survey, stage after stage; [`sample`]: the built-in sample corpus;
//! - [`cli`]: the command line over all of the above.

pub mod annotate;
pub mod atomic;
pub mod audit;
pub mod cli;
pub mod compare;
pub mod crawl;
pub mod error;
pub mod estimate;
pub mod explain;
pub mod extract;
pub mod geo;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod reference;
pub mod review;
pub mod sample;
pub mod survey;
pub mod tables;
pub mod text;

pub use error::{Error, Result};
