//! Where authors are: affiliation strings → ISO countries, from a curated gazetteer of
//! countries, places, institutions and email domains, abstaining when a string is ambiguous.
//!
//! - the tables themselves, indexed, and the name normalisation they are keyed by are reference
//!   data: [`crate::reference::gazetteer`], [`crate::reference::names`];
//! - [`scan`]: mentions found in a string;
//! - [`locate`](mod@locate): the decision (country, basis, confidence, or abstention);
//! - [`paper`]: paper-level countries from author affiliations;
//! - [`authors`]: affiliations from a paper's own author block (PDF page 1, LaTeX macros);
//! - [`eval`]: scoring against a labelled file.

pub mod authors;
pub mod eval;
pub mod locate;
pub mod paper;
pub mod scan;

pub use authors::{affiliations_from, paper_countries};
pub use locate::{locate, Basis, Location};
pub use paper::{apply_located, countries_of, country_fields};
