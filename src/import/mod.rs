//! Importers: other surveys' data turned into records with origin `imported`.

mod greenmir_sheets;
mod greenmir_table;
pub mod ismir_cmt;

pub use greenmir_sheets::{import_greenmir_sheets, ImportReport};
pub use greenmir_table::{
    import_greenmir2024, import_greenmir_table, GREENMIR2024_CSV, GREENMIR2024_PATH,
};
pub use ismir_cmt::{import_ismir_cmt, merge, CmtReport, MergeStats};
