//! ISO 3166-1 countries with the names papers and spreadsheets use for them.

use std::collections::HashMap;

use serde::Deserialize;

use super::csv_rows::{parse_rows, split_list};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    #[serde(deserialize_with = "de_list")]
    pub aliases: Vec<String>,
    pub source: String,
}

fn de_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(split_list(&s))
}

#[derive(Debug, Clone, Default)]
pub struct Countries {
    rows: Vec<Country>,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

/// Case, dots and spacing do not distinguish country names ("U.S.A." = "usa").
pub fn name_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Countries {
    pub fn parse(csv: &str) -> Result<Self> {
        const FILE: &str = "countries.csv";
        let rows: Vec<Country> = parse_rows(FILE, csv)?;
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for (i, c) in rows.iter().enumerate() {
            by_code.insert(c.iso2.to_uppercase(), i);
            by_code.insert(c.iso3.to_uppercase(), i);
            for n in std::iter::once(&c.name).chain(c.aliases.iter()) {
                if let Some(&j) = by_name.get(&name_key(n)) {
                    if j != i {
                        return Err(Error::invalid(
                            FILE,
                            format!("name {n:?} given for both {} and {}", rows[j].iso2, c.iso2),
                        ));
                    }
                }
                by_name.insert(name_key(n), i);
            }
        }
        Ok(Countries {
            rows,
            by_name,
            by_code,
        })
    }

    pub fn all(&self) -> &[Country] {
        &self.rows
    }

    /// A country by ISO alpha-2 or alpha-3 code (any case).
    pub fn by_code(&self, code: &str) -> Option<&Country> {
        self.by_code
            .get(&code.trim().to_uppercase())
            .map(|&i| &self.rows[i])
    }

    /// A country by a name as written ("USA", "South Korea", "Deutschland"); upper-case
    /// 2–3 letter codes ("FR", "DEU") are accepted too.
    pub fn lookup(&self, text: &str) -> Option<&Country> {
        if let Some(&i) = self.by_name.get(&name_key(text)) {
            return Some(&self.rows[i]);
        }
        let t = text.trim();
        if (2..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()) {
            return self.by_code(t);
        }
        None
    }
}
