//! The corpus evaluation: greenmir on the real data of ../shared (`GREENMIR_SHARED`), which the
//! project may read but never copy. Every test is `#[ignore]`d (a bare clone has no ../shared);
//! `.ci/run` runs them after the README's test command:
//!
//! ```sh
//! GREENMIR_SHARED=../shared cargo test --test suite corpus:: -- --ignored
//! ```
//!
//! A missing file is a failure naming it (`common::shared`), never a skip.

mod authors;
mod crawl;
mod extract;
mod geo;
mod greenmir_pdfs;
mod greenmir_sheets;
mod reference;
mod survey;
