//! The data model: papers, runs, fields with origins, estimates with intervals.

mod estimate;
mod evidence;
mod field;
mod paper;
mod run;

pub use estimate::{
    Assumption, Estimate, EstimateStatus, Footprint, IntensityFallback, IntensityUse, Interval,
    RunEstimate,
};
pub use evidence::Evidence;
pub use field::{Field, Origin};
pub use paper::{Affiliation, CountryRef, Disclosure, DisclosureLevel, Paper, PaperRecord};
pub use run::{Hours, HoursBasis, Multiplier, Purpose, Run};
