//! Estimation: named methods (TOML profiles) applied to paper records.

mod conference;
mod method;
mod paper;

pub use conference::{
    conference, country_counts, median, ConferenceEstimate, CountryCounting, CountryCounts,
    CountryShare,
};
pub use method::{
    CarbonRules, ConferenceRules, CountryPolicy, EnergyRules, Method, RunTotal, Statistic,
    TdpInterval, YearRule,
};
pub use paper::{fmt_num, CountryWeights, Estimator};
