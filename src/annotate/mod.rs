//! Annotations: corrections with an audit trail that overlay extraction, and agreement
//! between annotators.

mod agree;
mod clock;
mod field_path;
mod file;
mod overlay;

pub use agree::{agreement, FieldAgreement};
pub use clock::{format_rfc3339, now_rfc3339};
pub use field_path::{
    accept_value, apply_value, check_value, current_origin, current_value, reject_value,
    run_summary, AffiliationField, FieldPath, RunField,
};
pub use file::{parse_file, Action, AnnotationFile, AnnotationStore, Correction};
pub use overlay::{apply_annotations, OverlayIssue};
