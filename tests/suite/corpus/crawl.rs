//! The crawler's parsers on every real ISMIR year 2017–2024 (conference archive, ismir.net
//! pages, robots.txt), and the four-source crawl over HTTP on the real 2023 files.

use std::path::PathBuf;

use crate::common::*;
use crate::crawl::{archive_at, check_archive, check_four_sources, check_home, check_robots};

const COUNTS: [(i32, usize); 8] = [
    (2017, 97),
    (2018, 104),
    (2019, 114),
    (2020, 115),
    (2021, 104),
    (2022, 113),
    (2023, 103),
    (2024, 123),
];

fn archive_file(year: i32) -> PathBuf {
    shared(&format!(
        "data/ismir/conference-archive/proceedings/{year}.json"
    ))
}

fn home_file(year: i32) -> PathBuf {
    shared(&format!("fixtures/ismir-home/ismir{year}.md"))
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn conference_archive_parses_every_year_2017_to_2024() {
    for (year, n) in COUNTS {
        let papers = archive_at(&archive_file(year), year);
        assert_eq!(papers.len(), n, "{year}");
        check_archive(&papers, year);
    }
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn ismir_home_pages_list_the_same_papers_and_merge_without_duplicates() {
    for (year, n) in COUNTS {
        check_home(&archive_file(year), &home_file(year), year, n);
    }
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn the_real_ismir_home_robots_txt_allows_greenmir() {
    check_robots(&shared("fixtures/ismir-home/robots.txt"));
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn four_real_sources_over_http_merge_into_one_list() {
    check_four_sources(
        &archive_file(2023),
        &home_file(2023),
        &shared("fixtures/ismir-home/robots.txt"),
    );
}
