//! Integration tests: the real binary on real data from ../shared (GREENMIR_SHARED).

mod annotate;
mod audit;
mod authors;
mod bad_input;
mod common;
mod compare;
mod crawl;
mod estimate;
mod extract;
mod geo;
mod greenmir_pdfs;
mod greenmir_sheets;
mod http_server;
mod reference;
mod sample_runs;
mod survey;
mod text;
