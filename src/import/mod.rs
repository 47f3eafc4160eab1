//! Importers: other surveys' data turned into records with origin `imported`.

mod greenmir_sheets;

pub use greenmir_sheets::{import_greenmir_sheets, ImportReport};
