//! Grid carbon intensity by country and year, per data vintage, with a recorded fallback chain:
//! country-year → nearest year of the same vintage → world average.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::csv_rows::parse_rows;
use crate::error::{Error, Result};

/// IEA 2019 world average electricity carbon intensity, gCO2e/kWh: the last fallback.
pub const WORLD_IEA_2019: f64 = 475.0;
pub const WORLD_IEA_2019_SOURCE: &str = "IEA 2019 world average (475 gCO2e/kWh)";

#[derive(Debug, Deserialize)]
struct Row {
    iso2: String,
    year: i32,
    g_co2e_per_kwh: f64,
    vintage: String,
    source: String,
}

/// How a lookup found its value. Serialized as its text (`nearest-year (2022 → 2021)`), the
/// form `summary.json` has always held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "String")]
pub enum Fallback {
    CountryYear,
    NearestYear {
        asked: i32,
        used: i32,
    },
    /// No year asked for: the vintage's latest year for the country.
    Latest {
        used: i32,
    },
    /// The country has no value in this vintage (or no country is known).
    World,
}

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fallback::CountryYear => f.write_str("country-year"),
            Fallback::NearestYear { asked, used } => write!(f, "nearest-year ({asked} → {used})"),
            Fallback::Latest { used } => write!(f, "latest year ({used})"),
            Fallback::World => f.write_str("world"),
        }
    }
}

impl FromStr for Fallback {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("unknown intensity fallback {s:?}");
        let year = |y: &str| y.parse::<i32>().map_err(|_| bad());
        let inner = |prefix: &str| s.strip_prefix(prefix).and_then(|r| r.strip_suffix(')'));
        match s {
            "country-year" => Ok(Fallback::CountryYear),
            "world" => Ok(Fallback::World),
            _ => {
                if let Some(years) = inner("nearest-year (") {
                    let (asked, used) = years.split_once(" → ").ok_or_else(bad)?;
                    Ok(Fallback::NearestYear {
                        asked: year(asked)?,
                        used: year(used)?,
                    })
                } else if let Some(used) = inner("latest year (") {
                    Ok(Fallback::Latest { used: year(used)? })
                } else {
                    Err(bad())
                }
            }
        }
    }
}

impl From<Fallback> for String {
    fn from(f: Fallback) -> String {
        f.to_string()
    }
}

/// One lookup's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Intensity {
    pub iso2: Option<String>,
    pub year: Option<i32>,
    pub g_per_kwh: f64,
    pub vintage: String,
    pub fallback: Fallback,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct IntensityTable {
    /// (vintage, iso2) → year → (value, source)
    values: BTreeMap<(String, String), BTreeMap<i32, (f64, String)>>,
    vintages: BTreeSet<String>,
}

impl IntensityTable {
    pub fn parse(csv: &str) -> Result<Self> {
        const FILE: &str = "carbon_intensity.csv";
        let rows: Vec<Row> = parse_rows(FILE, csv)?;
        let mut t = IntensityTable::default();
        for (i, r) in rows.into_iter().enumerate() {
            if !(r.g_co2e_per_kwh >= 0.0 && r.g_co2e_per_kwh.is_finite()) {
                return Err(Error::Parse {
                    file: FILE.into(),
                    line: i + 2,
                    message: format!("g_co2e_per_kwh must be ≥ 0, got {}", r.g_co2e_per_kwh),
                });
            }
            t.vintages.insert(r.vintage.clone());
            let years = t.values.entry((r.vintage, r.iso2)).or_default();
            if years.insert(r.year, (r.g_co2e_per_kwh, r.source)).is_some() {
                return Err(Error::Parse {
                    file: FILE.into(),
                    line: i + 2,
                    message: format!("duplicate year {}", r.year),
                });
            }
        }
        Ok(t)
    }

    pub fn vintages(&self) -> impl Iterator<Item = &str> {
        self.vintages.iter().map(String::as_str)
    }

    pub fn has_vintage(&self, v: &str) -> bool {
        self.vintages.contains(v)
    }

    /// Years and values of one country in one vintage.
    pub fn series(&self, vintage: &str, iso2: &str) -> Option<&BTreeMap<i32, (f64, String)>> {
        self.values.get(&(vintage.to_string(), iso2.to_string()))
    }

    /// The intensity for `iso2` in `year` (or the latest year when `year` is None).
    pub fn lookup(&self, vintage: &str, iso2: Option<&str>, year: Option<i32>) -> Intensity {
        let world = || Intensity {
            iso2: iso2.map(String::from),
            year,
            g_per_kwh: WORLD_IEA_2019,
            vintage: "IEA-2019".into(),
            fallback: Fallback::World,
            source: WORLD_IEA_2019_SOURCE.into(),
        };
        let Some(code) = iso2 else { return world() };
        let Some(series) = self.series(vintage, code) else {
            return world();
        };
        let found = match year {
            Some(y) => series
                .iter()
                .min_by_key(|(yy, _)| ((**yy - y).abs(), -**yy))
                .map(|(yy, v)| (*yy, v)),
            None => series.iter().next_back().map(|(yy, v)| (*yy, v)),
        };
        let Some((used, (value, source))) = found else {
            return world();
        };
        let fallback = match year {
            Some(y) if y == used => Fallback::CountryYear,
            Some(y) => Fallback::NearestYear { asked: y, used },
            None => Fallback::NearestYear { asked: used, used },
        };
        Intensity {
            iso2: Some(code.to_string()),
            year: Some(used),
            g_per_kwh: *value,
            vintage: vintage.to_string(),
            fallback,
            source: source.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "iso2,year,g_co2e_per_kwh,vintage,source\n\
        FR,2020,60,v1,test\nFR,2022,80,v1,test\nSE,2021,10,v1,test\n";

    #[test]
    fn falls_back_from_country_year_to_nearest_year_to_world() {
        let t = IntensityTable::parse(CSV).unwrap();
        let exact = t.lookup("v1", Some("FR"), Some(2022));
        assert_eq!(
            (exact.g_per_kwh, exact.fallback),
            (80.0, Fallback::CountryYear)
        );
        let near = t.lookup("v1", Some("SE"), Some(2024));
        assert_eq!(near.g_per_kwh, 10.0);
        assert_eq!(
            near.fallback,
            Fallback::NearestYear {
                asked: 2024,
                used: 2021
            }
        );
        // 2021 is equally far from 2020 and 2022: the later year wins.
        assert_eq!(t.lookup("v1", Some("FR"), Some(2021)).g_per_kwh, 80.0);
        let world = t.lookup("v1", Some("PL"), Some(2022));
        assert_eq!((world.g_per_kwh, world.fallback), (475.0, Fallback::World));
    }

    #[test]
    fn a_fallback_reads_back_from_its_text() {
        for f in [
            Fallback::CountryYear,
            Fallback::NearestYear {
                asked: 2022,
                used: 2021,
            },
            Fallback::Latest { used: 2024 },
            Fallback::World,
        ] {
            assert_eq!(f.to_string().parse::<Fallback>(), Ok(f));
        }
        assert_eq!(
            "nearest-year (2022 → soon)".parse::<Fallback>(),
            Err("unknown intensity fallback \"nearest-year (2022 → soon)\"".to_string())
        );
    }

    #[test]
    fn duplicate_year_names_the_line() {
        let err = IntensityTable::parse(
            "iso2,year,g_co2e_per_kwh,vintage,source\nFR,2020,1,v,s\nFR,2020,2,v,s\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "carbon_intensity.csv, line 3: duplicate year 2020"
        );
    }
}
