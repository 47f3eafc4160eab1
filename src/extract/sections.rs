//! Where in the paper a sentence sits: front matter, introduction, related work, the body,
//! the conclusion, acknowledgements or references. Who a statement is about depends on it —
//! the introduction and related work speak of others' systems unless they say "we".
//!
//! Headings are read from the page text as both PDF extractors and the LaTeX reader give them:
//! a line of its own, short, with no closing period, either numbered ("2. RELATED WORK",
//! "3 Method") or one of the section names papers use ("Acknowledgements", "References").

use std::sync::LazyLock;

use regex::Regex;

use crate::text::Page;

/// The part of a paper a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    /// Title, authors, abstract: before the first heading.
    #[default]
    Front,
    Introduction,
    /// Related work, background, prior work.
    Related,
    /// Method, data, experiments, results, discussion: the paper's own work.
    Body,
    Conclusion,
    Acknowledgements,
    References,
}

impl Zone {
    /// Parts that mostly speak of other people's systems.
    pub fn speaks_of_others(self) -> bool {
        matches!(self, Zone::Introduction | Zone::Related)
    }

    /// Parts that report no run at all.
    pub fn reports_nothing(self) -> bool {
        matches!(self, Zone::Acknowledgements | Zone::References)
    }
}

/// A heading line: optional number ("2.", "3", "A."), then a short title with no final period.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-H]\.?(?:\d{1,2}\.?)*)\s+)?(?P<title>[A-Z][A-Za-z][A-Za-z&,'’/\- ]{1,58})$")
        .expect("heading regex")
});

static MERGED_SUBSECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}\.?\s+[A-Z][A-Z&,'’/\- ]+?)\s+\d{1,2}\.\d{1,2}\.?\s+\S.*$")
        .expect("merged subsection regex")
});

/// Unnumbered headings are recognised only by name.
static KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:abstract|introduction|related works?|background|prior work|previous work|literature review|conclusions?|conclusion and future work|conclusions and future work|discussion|acknowledge?ments?|references|bibliography|experiments?|method|methods|methodology|results|evaluation|implementation(?: details)?|appendix|supplementary material)$")
        .expect("known headings regex")
});

fn zone_of(title: &str) -> Option<Zone> {
    let t = title.to_lowercase();
    let has = |w: &str| t.contains(w);
    Some(if has("acknowledg") {
        Zone::Acknowledgements
    } else if t.starts_with("reference") || has("bibliography") {
        Zone::References
    } else if has("introduction") {
        Zone::Introduction
    } else if has("related work")
        || has("background")
        || has("prior work")
        || has("previous work")
        || has("literature")
        || has("state of the art")
    {
        Zone::Related
    } else if has("conclusion") || has("summary") || has("future work") {
        Zone::Conclusion
    } else if t == "abstract" {
        Zone::Front
    } else {
        return None;
    })
}

/// A top-level heading at byte `start` of a page, with the zone it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub page: u32,
    pub start: usize,
    pub title: String,
    pub zone: Zone,
}

/// The top-level headings of a document in reading order. Subsection headings ("4.2 …")
/// do not change the zone and are left out.
pub fn headings(pages: &[Page]) -> Vec<Heading> {
    headings_with(pages, &[])
}

/// The top-level headings, where `titles` are the section titles the source declares (a
/// LaTeX paper's `\section`s): a line that is one of them is a heading whatever its case.
pub fn headings_with(pages: &[Page], titles: &[String]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut last_number: Option<u32> = None;
    for p in pages {
        let lines: Vec<&str> = p.text.split_inclusive('\n').collect();
        let mut offset = 0;
        for (k, line) in lines.iter().enumerate() {
            let at = offset;
            offset += line.len();
            let l = line.trim();
            // "4. MODELS 4.1 TonicNet": a section heading run into its first subsection's.
            let l = MERGED_SUBSECTION
                .captures(l)
                .and_then(|c| c.get(1))
                .map_or(l, |m| m.as_str());
            if titles.iter().any(|t| t == l) {
                out.push(Heading {
                    page: p.number,
                    start: at + (line.len() - line.trim_start().len()),
                    title: l.to_string(),
                    zone: zone_of(l).unwrap_or(Zone::Body),
                });
                continue;
            }
            if l.len() < 4 || l.len() > 64 || l.ends_with('.') {
                continue;
            }
            let Some(c) = HEADING.captures(l) else {
                continue;
            };
            let title = c.name("title").map_or("", |m| m.as_str()).trim();
            let numbered = c.name("num").is_some();
            let top = c
                .name("num")
                .is_none_or(|m| !m.as_str().trim().trim_end_matches('.').contains('.'));
            let shouting = title.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && title
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase());
            let known = KNOWN.is_match(title);
            // A paragraph of its own in title case: how the LaTeX reader renders \section.
            let blank = |j: Option<usize>| {
                j.and_then(|j| lines.get(j))
                    .is_none_or(|l| l.trim().is_empty())
            };
            let standalone = !numbered && blank(k.checked_sub(1)) && blank(Some(k + 1));
            let title_case = title.split_whitespace().count() <= 8
                && title
                    .split_whitespace()
                    .filter(|w| w.len() > 3)
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
            let number = c
                .name("num")
                .and_then(|m| m.as_str().trim().trim_end_matches('.').parse::<u32>().ok());
            // "4 Experimental setup" in sentence case: a heading when it carries the next
            // section number (the sequence tells it from a numbered line of prose).
            let next_in_sequence = top
                && title.split_whitespace().count() <= 8
                && number.is_some_and(|n| n == last_number.map_or(1, |l| l + 1));
            // Numbered top-level headings in capitals (the ISMIR template) or known names.
            if !(known
                || (numbered
                    && top
                    && (shouting || title_case || next_in_sequence || zone_of(title).is_some()))
                || (standalone && title_case))
            {
                continue;
            }
            if top && number.is_some() {
                last_number = number;
            }
            if !top && !known {
                continue;
            }
            out.push(Heading {
                page: p.number,
                start: at + (line.len() - line.trim_start().len()),
                title: title.to_string(),
                zone: zone_of(title).unwrap_or(Zone::Body),
            });
        }
    }
    out
}

/// A heading's title says its part is about training or its compute ("4.2 Training
/// Details", "Training Time", "Computational resources", "Hardware").
static TRAINING_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btrain|\bcomput(?:e|ation|ational|ing)\b|\bhardware\b|\bresources?\b")
        .expect("training topic regex")
});

/// Subsection headings ("4.2 Training Details", or a line that is one of the source's
/// declared subsection titles) with the top-level `heads`, in reading order: what each part
/// of the paper is about.
pub fn topic_headings(pages: &[Page], heads: &[Heading], sub_titles: &[String]) -> Vec<Heading> {
    let mut out: Vec<Heading> = heads.to_vec();
    for p in pages {
        let mut offset = 0;
        for line in p.text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let l = line.trim();
            let declared = sub_titles.iter().any(|t| t == l);
            let caps = HEADING.captures(l);
            let numbered = !declared
                && l.len() <= 64
                && !l.ends_with('.')
                && caps.as_ref().is_some_and(|c| {
                    c.name("num")
                        .is_some_and(|m| m.as_str().trim().trim_end_matches('.').contains('.'))
                });
            if !(declared || numbered) {
                continue;
            }
            let title = caps
                .as_ref()
                .and_then(|c| c.name("title"))
                .map_or(l, |m| m.as_str())
                .trim();
            let start = at + (line.len() - line.trim_start().len());
            out.push(Heading {
                page: p.number,
                start,
                title: title.to_string(),
                zone: zone_at(heads, p.number, start),
            });
        }
    }
    out.sort_by_key(|h| (h.page, h.start));
    out
}

/// Whether the nearest heading (of any level) before byte `start` of page `page` says its
/// part is about training.
pub fn about_training(topics: &[Heading], page: u32, start: usize) -> bool {
    topics
        .iter()
        .rev()
        .find(|h| (h.page, h.start) <= (page, start))
        .is_some_and(|h| TRAINING_TOPIC.is_match(&h.title))
}

/// The zone of the text at byte `start` of page `page`.
pub fn zone_at(headings: &[Heading], page: u32, start: usize) -> Zone {
    headings
        .iter()
        .rev()
        .find(|h| (h.page, h.start) <= (page, start))
        .map_or(Zone::Front, |h| h.zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: u32, text: &str) -> Page {
        Page {
            number: n,
            text: text.into(),
        }
    }

    #[test]
    fn ismir_pdf_headings_open_zones() {
        let pages = [
            page(
                1,
                "Some Title\nSome Author\nABSTRACT\nWe train a model.\n1. INTRODUCTION\nJukebox was trained on hundreds of GPUs.\n2. RELATED WORK\nOthers.\n",
            ),
            page(
                2,
                "3. METHOD\n3.1 Training Details\nWe train.\n4. EXPERIMENTS 4.1 Setup\n4.2 Training Details\nWe train on one GPU.\n1. Embedding Module: a numbered list item that is long enough to be a sentence.\n6. CONCLUSION\nDone.\n7. REFERENCES\n[1] A. Author. Proc. ISMIR, 2019.\n",
            ),
        ];
        let hs = headings(&pages);
        let zones: Vec<(String, Zone)> = hs.iter().map(|h| (h.title.clone(), h.zone)).collect();
        assert_eq!(
            zones,
            [
                ("ABSTRACT".to_string(), Zone::Front),
                ("INTRODUCTION".to_string(), Zone::Introduction),
                ("RELATED WORK".to_string(), Zone::Related),
                ("METHOD".to_string(), Zone::Body),
                ("EXPERIMENTS".to_string(), Zone::Body),
                ("CONCLUSION".to_string(), Zone::Conclusion),
                ("REFERENCES".to_string(), Zone::References),
            ]
        );
        let at = |p: u32, needle: &str| {
            let text = &pages[(p - 1) as usize].text;
            zone_at(&hs, p, text.find(needle).unwrap())
        };
        assert_eq!(at(1, "We train a model"), Zone::Front);
        assert_eq!(at(1, "Jukebox"), Zone::Introduction);
        assert_eq!(at(2, "We train on one GPU"), Zone::Body);
        assert_eq!(at(2, "[1] A. Author"), Zone::References);
    }

    #[test]
    fn latex_headings_are_title_case_lines() {
        let pages = [page(
            1,
            "Abstract\n\nWe do things.\n\nIntroduction\n\nText.\n\nSystem Design Principles\n\nMore.\n\nAcknowledgements\n\nWe thank NVIDIA.\n",
        )];
        let hs = headings(&pages);
        let zones: Vec<Zone> = hs.iter().map(|h| h.zone).collect();
        assert_eq!(
            zones,
            [
                Zone::Front,
                Zone::Introduction,
                Zone::Body,
                Zone::Acknowledgements
            ]
        );
    }

    #[test]
    fn subsections_say_what_their_part_is_about() {
        let pages = [page(
            1,
            "3. EXPERIMENTS\n3.1 Training Details\nIt takes 9 hours.\n3.2 Evaluation\nIt takes 2 hours.\nTraining Time\nDDS takes 24 hours.\n4. RESULTS\nDone.\n",
        )];
        let heads = headings(&pages);
        let topics = topic_headings(&pages, &heads, &["Training Time".to_string()]);
        let at = |s: &str| about_training(&topics, 1, pages[0].text.find(s).unwrap());
        assert!(at("It takes 9"));
        assert!(!at("It takes 2"));
        assert!(at("DDS takes"));
        assert!(!at("Done."));
    }

    #[test]
    fn sentence_case_headings_that_continue_the_numbering() {
        let pages = [page(
            1,
            "1 Introduction\nJukebox was trained on 256 GPUs.\n2 Related work\nOthers.\n3 Deep convolutional networks\nWe train.\n7 of the songs were left out\n4 Experimental setup and results\nWe train on one GPU.\n",
        )];
        let titles: Vec<String> = headings(&pages).into_iter().map(|h| h.title).collect();
        assert_eq!(
            titles,
            [
                "Introduction",
                "Related work",
                "Deep convolutional networks",
                "Experimental setup and results"
            ]
        );
    }

    #[test]
    fn declared_latex_sections_are_headings_whatever_their_case() {
        let pages = [page(
            1,
            "Introduction\n\nOthers trained on GPUs.\n\nRelated work\n\nMore of others.\n\nDeep convolutional networks\n\nWe trained on a GPU within minutes.\n",
        )];
        // Without the declared titles the lower-case heading is prose and related work runs on.
        let plain: Vec<String> = headings(&pages).into_iter().map(|h| h.title).collect();
        assert_eq!(plain, ["Introduction", "Related work"]);
        let titles = [
            "Introduction",
            "Related work",
            "Deep convolutional networks",
        ]
        .map(String::from);
        let hs = headings_with(&pages, &titles);
        let zones: Vec<Zone> = hs.iter().map(|h| h.zone).collect();
        assert_eq!(zones, [Zone::Introduction, Zone::Related, Zone::Body]);
        let last = hs.last().unwrap();
        assert_eq!(zone_at(&hs, 1, last.start + 40), Zone::Body);
    }

    #[test]
    fn sentences_and_captions_are_not_headings() {
        let pages = [page(
            1,
            "3. We trained the model on two GPUs\nTable 2\nFigure 4: Loss curves.\n",
        )];
        assert!(headings(&pages).is_empty());
    }
}
