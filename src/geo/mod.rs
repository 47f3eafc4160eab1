//! Where authors are: affiliation strings → ISO countries, from a curated gazetteer of
//! countries, places, institutions and email domains, abstaining when a string is ambiguous.
//!
//! - [`text`]: normalisation and tokens;
//! - [`rows`]: the curated tables' rows;
//! - [`gazetteer`]: the tables indexed;
//! - [`scan`]: mentions found in a string;
//! - [`locate`](mod@locate): the decision (country, basis, confidence, or abstention);
//! - [`paper`]: paper-level countries from author affiliations;
//! - [`authors`]: affiliations from a paper's own author block (PDF page 1, LaTeX macros);
//! - [`eval`]: scoring against a labelled file.

pub mod authors;
pub mod eval;
pub mod gazetteer;
pub mod locate;
pub mod paper;
pub mod rows;
pub mod scan;
pub mod text;

pub use authors::{affiliations_from, paper_countries};
pub use gazetteer::{Gazetteer, GazetteerSizes};
pub use locate::{locate, Basis, Location};
pub use paper::{apply_located, countries_of, country_fields};
