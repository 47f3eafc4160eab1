//! Importers: other surveys' data turned into records with origin `imported`.

mod greenmir_sheets;
pub mod ismir_cmt;

pub use greenmir_sheets::{import_greenmir_sheets, ImportReport};
pub use ismir_cmt::{import_ismir_cmt, merge, CmtReport, MergeStats};
