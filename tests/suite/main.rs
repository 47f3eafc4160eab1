//! Integration tests: the real binary on the project's own data (fixtures in tests/fixtures,
//! PDFs typeset by `greenmir::sample`, the curated tables): `cargo test` needs nothing else.
//!
//! `corpus` is the corpus evaluation: the same tools on the real data of ../shared
//! (`GREENMIR_SHARED`), every test `#[ignore]`d so that a bare clone passes; `.ci/run` runs
//! them with `cargo test --test suite corpus:: -- --ignored`, and a missing file fails loudly.

mod annotate;
mod audit;
mod authors;
mod bad_input;
mod common;
mod compare;
mod corpus;
mod crawl;
mod estimate;
mod extract;
mod geo;
mod greenmir2024;
mod http_server;
mod reference;
mod sample_runs;
mod statements;
mod survey;
mod text;
