//! Runs from mentions that belong together: hardware, count and duration in one sentence, or a
//! training duration with the hardware of a neighbouring sentence; per-epoch times times the
//! stated epochs (and cross-validation folds); several runs per paper.

use super::counts::{count_after, count_before, unit_count};
use super::durations::{all_durations, clause_around, epochs, find_durations, folds};
use super::hardware::{find_mentions, Mention};
use super::purpose::{classify, has_training_cue, is_hypothetical, sentence_is_ignored, Use};
use crate::model::{Hours, HoursBasis, Purpose};
use crate::reference::HardwareCatalog;

/// A sentence of the document with where it sits.
#[derive(Debug, Clone)]
pub struct Sent {
    pub page: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A mention with what the sentence says about it.
#[derive(Debug, Clone)]
pub struct Placed {
    pub mention: Mention,
    pub count: Option<u32>,
    pub use_: Use,
}

/// A run before it is written out: sentences it was read from by index.
#[derive(Debug, Clone)]
pub struct Draft {
    pub hardware: Option<Mention>,
    pub count: Option<u32>,
    pub hours: Option<Hours>,
    pub sentences: Vec<usize>,
    /// Hardware and time in one sentence.
    pub together: bool,
    /// Hardware filled in from the paper's only training device.
    pub inferred_hardware: bool,
    /// Extra quoted text (table rows) beyond the sentences.
    pub extra_evidence: Vec<(u32, String)>,
}

impl Draft {
    fn new(hardware: Option<Mention>, count: Option<u32>, hours: Option<Hours>, i: usize) -> Self {
        Draft {
            together: hardware.is_some() && hours.is_some(),
            hardware,
            count,
            hours,
            sentences: vec![i],
            inferred_hardware: false,
            extra_evidence: Vec::new(),
        }
    }
}

/// Hardware used for something other than training.
#[derive(Debug, Clone)]
pub struct NonTrainingDraft {
    pub mention: Mention,
    pub count: Option<u32>,
    pub purpose: Purpose,
    pub sentence: usize,
}

/// Mentions of one sentence with their counts and uses, generics folded into named models.
pub fn place_mentions(sents: &[Sent], i: usize, catalog: &HardwareCatalog) -> Vec<Placed> {
    let text = &sents[i].text;
    let mut placed: Vec<Placed> = find_mentions(text, catalog)
        .into_iter()
        .map(|m| {
            let count = match count_before(text, m.start) {
                Some(c) if c.per_unit => {
                    let mut ctx = text[..m.start].to_string();
                    if i > 0 {
                        ctx = format!("{} {ctx}", sents[i - 1].text);
                    }
                    Some(unit_count(&ctx).map_or(c.value, |u| u.saturating_mul(c.value)))
                }
                Some(c) => Some(c.value),
                None => count_after(text, m.end),
            };
            let clause = clause_around(text, m.start, m.end);
            Placed {
                use_: classify(text, clause),
                count,
                mention: m,
            }
        })
        .collect();
    // "a single GPU device Tesla K40": the generic word adds only its count to the model.
    let named: Vec<usize> = (0..placed.len())
        .filter(|&k| !placed[k].mention.generic)
        .collect();
    let mut drop = vec![false; placed.len()];
    for g in 0..placed.len() {
        if !placed[g].mention.generic {
            continue;
        }
        let kind = placed[g].mention.kind.clone();
        let same: Vec<usize> = named
            .iter()
            .copied()
            .filter(|&n| placed[n].mention.kind == kind)
            .collect();
        if let Some(&n) = same
            .iter()
            .min_by_key(|&&n| placed[n].mention.start.abs_diff(placed[g].mention.start))
        {
            if placed[n].count.is_none() {
                placed[n].count = placed[g].count;
            }
            drop[g] = true;
        }
    }
    let mut k = 0;
    placed.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    // A CPU next to a GPU/TPU in a training sentence is the host, not the trainer.
    let accelerator = placed
        .iter()
        .any(|p| p.use_ == Use::Training && matches!(p.mention.kind.as_str(), "gpu" | "tpu"));
    if accelerator {
        placed.retain(|p| p.mention.kind != "cpu" || p.use_ != Use::Training);
    }
    placed
}

/// Forms runs and non-training uses from the sentences of a document.
pub fn find_runs(sents: &[Sent], catalog: &HardwareCatalog) -> (Vec<Draft>, Vec<NonTrainingDraft>) {
    let placed: Vec<Vec<Placed>> = (0..sents.len())
        .map(|i| {
            if sentence_is_ignored(&sents[i].text) {
                Vec::new()
            } else {
                place_mentions(sents, i, catalog)
            }
        })
        .collect();
    let all_text: String = sents
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let k_folds = folds(&all_text);
    let mut drafts = Vec::new();
    let mut non_training = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let text = &s.text;
        if sentence_is_ignored(text) {
            continue;
        }
        let training: Vec<&Placed> = placed[i]
            .iter()
            .filter(|p| p.use_ == Use::Training)
            .collect();
        for p in &placed[i] {
            if let Use::NotTraining(purpose) = p.use_ {
                non_training.push(NonTrainingDraft {
                    mention: p.mention.clone(),
                    count: p.count,
                    purpose,
                    sentence: i,
                });
            }
        }
        let durations: Vec<_> = if has_training_cue(text) {
            find_durations(text)
                .into_iter()
                .filter(|d| {
                    let clause = clause_around(text, d.start, d.end);
                    !is_hypothetical(clause)
                        && matches!(classify(text, clause), Use::Training | Use::Unknown)
                })
                .collect()
        } else {
            Vec::new()
        };
        // A sentence listing data sizes ("… in total 130 minutes, … 61 minutes") lists no
        // run times, unless a clause says training.
        let lists_data = has_training_cue(text) && find_durations(text).len() < all_durations(text);
        let durations: Vec<_> = durations
            .into_iter()
            .filter(|d| !lists_data || has_training_cue(clause_around(text, d.start, d.end)))
            .collect();
        let mut totals: Vec<Hours> = Vec::new();
        for d in &durations {
            if d.per_epoch {
                let n = nearest_epochs(sents, i);
                if let Some(n) = n {
                    let v = d.hours.value * n * k_folds.unwrap_or(1.0);
                    totals.push(Hours {
                        value: v,
                        low: v,
                        high: v,
                        basis: HoursBasis::Derived,
                    });
                }
            } else if d.hours.value >= 0.05 || d.hours.basis == HoursBasis::Derived {
                totals.push(d.hours);
            }
        }
        let hw = |p: &Placed| (Some(p.mention.clone()), p.count);
        match (training.len(), totals.len()) {
            (0, 0) => {}
            (0, _) => {
                let (m, c) = neighbour_hardware(&placed, sents, i)
                    .map(hw)
                    .unwrap_or((None, None));
                for h in totals {
                    let mut d = Draft::new(m.clone(), c, Some(h), i);
                    if let Some(j) = neighbour_index(&placed, sents, i) {
                        if m.is_some() {
                            d.sentences.push(j);
                            d.sentences.sort();
                        }
                    }
                    d.together = false;
                    drafts.push(d);
                }
            }
            (n, 0) => {
                for p in training.iter().take(n) {
                    let (m, c) = hw(p);
                    drafts.push(Draft::new(m, c, None, i));
                }
            }
            (1, _) => {
                let (m, c) = hw(training[0]);
                for h in totals {
                    drafts.push(Draft::new(m.clone(), c, Some(h), i));
                }
            }
            (n, t) if n == t => {
                for (p, h) in training.iter().zip(totals) {
                    let (m, c) = hw(p);
                    drafts.push(Draft::new(m, c, Some(h), i));
                }
            }
            _ => {
                let (m, c) = hw(training[0]);
                for h in &totals {
                    drafts.push(Draft::new(m.clone(), c, Some(*h), i));
                }
                for p in training.iter().skip(1) {
                    let (m, c) = hw(p);
                    drafts.push(Draft::new(m, c, None, i));
                }
            }
        }
    }
    // A paper that names no training hardware but a model GPU/TPU next to a training
    // statement (a sentence broken by a page break, "…one epoch … took 254 s using a …").
    if !drafts.iter().any(|d| d.hardware.is_some()) {
        for i in 0..sents.len() {
            for p in &placed[i] {
                let named = !p.mention.generic && matches!(p.mention.kind.as_str(), "gpu" | "tpu");
                let near_training =
                    (i.saturating_sub(3)..=i).any(|j| has_training_cue(&sents[j].text));
                let seen = drafts.iter().any(|d: &Draft| {
                    d.hardware.as_ref().map(|m| &m.device_id) == Some(&p.mention.device_id)
                });
                let timed = all_durations(&sents[i].text) > 0;
                if named && p.use_ == Use::Unknown && near_training && timed && !seen {
                    drafts.push(Draft::new(Some(p.mention.clone()), p.count, None, i));
                }
            }
        }
    }
    (drafts, non_training)
}

/// The nearest earlier or next sentence's hardware that is not said to be for something else.
fn neighbour_index(placed: &[Vec<Placed>], sents: &[Sent], i: usize) -> Option<usize> {
    let order = [i.checked_sub(1), Some(i + 1), i.checked_sub(2)];
    order.into_iter().flatten().find(|&j| {
        j < sents.len()
            && sents[j].page.abs_diff(sents[i].page) <= 1
            && placed[j]
                .iter()
                .any(|p| matches!(p.use_, Use::Training | Use::Unknown))
    })
}

fn neighbour_hardware<'a>(
    placed: &'a [Vec<Placed>],
    sents: &[Sent],
    i: usize,
) -> Option<&'a Placed> {
    let j = neighbour_index(placed, sents, i)?;
    let cands: Vec<&Placed> = placed[j]
        .iter()
        .filter(|p| matches!(p.use_, Use::Training | Use::Unknown))
        .collect();
    cands
        .iter()
        .find(|p| matches!(p.mention.kind.as_str(), "gpu" | "tpu"))
        .or(cands.first())
        .copied()
}

/// The stated number of training epochs for a per-epoch time in sentence `i`: the closest
/// statement within a few sentences, else the paper's only stated number of epochs.
fn nearest_epochs(sents: &[Sent], i: usize) -> Option<f64> {
    if let Some(n) = epochs(&sents[i].text) {
        return Some(n);
    }
    for d in 1..=10 {
        for j in [i.checked_sub(d), Some(i + d)].into_iter().flatten() {
            if let Some(n) = sents.get(j).and_then(|s| epochs(&s.text)) {
                return Some(n);
            }
        }
    }
    let mut all: Vec<f64> = sents.iter().filter_map(|s| epochs(&s.text)).collect();
    all.dedup_by(|a, b| a == b);
    match all.as_slice() {
        [n] => Some(*n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Reference;
    use crate::text::split_sentences;

    fn runs(text: &str) -> Vec<(Option<String>, Option<u32>, Option<f64>)> {
        let r = Reference::embedded().unwrap();
        let sents: Vec<Sent> = split_sentences(text)
            .into_iter()
            .map(|s| Sent {
                page: 1,
                start: s.start,
                end: s.end,
                text: s.text,
            })
            .collect();
        find_runs(&sents, &r.hardware)
            .0
            .into_iter()
            .map(|d| {
                (
                    d.hardware.map(|m| m.device_id),
                    d.count,
                    d.hours.map(|h| (h.value * 100.0).round() / 100.0),
                )
            })
            .collect()
    }

    #[test]
    fn one_sentence_holds_the_run() {
        assert_eq!(
            runs("Fitting the model takes 30 hours on 2 RTX 3090 GPUs."),
            [(Some("nvidia-rtx-3090".into()), Some(2), Some(30.0))]
        );
        assert_eq!(
            runs("We trained it for three days using a single Titan Xp."),
            [(Some("nvidia-titan-xp".into()), Some(1), Some(72.0))]
        );
    }

    #[test]
    fn hardware_of_the_previous_sentence() {
        assert_eq!(
            runs("Our code runs on one Quadro RTX 8000. A full training run takes 5–7 days."),
            [(Some("nvidia-quadro-rtx-8000".into()), Some(1), Some(144.0))]
        );
    }

    #[test]
    fn per_epoch_times_epochs() {
        assert_eq!(
            runs("One epoch took 20 minutes to train on a V100. We trained for 30 epochs."),
            [(Some("nvidia-v100".into()), Some(1), Some(10.0))]
        );
    }

    #[test]
    fn non_training_and_ignored_hardware() {
        let r = Reference::embedded().unwrap();
        let text = "Generation is 10 times faster than real time on an RTX 4090. \
                    We thank the vendor for the donation of an A6000 GPU.";
        let sents: Vec<Sent> = split_sentences(text)
            .into_iter()
            .map(|s| Sent {
                page: 1,
                start: s.start,
                end: s.end,
                text: s.text,
            })
            .collect();
        let (runs, non) = find_runs(&sents, &r.hardware);
        assert!(runs.is_empty());
        assert_eq!(non.len(), 1);
        assert_eq!(non[0].mention.device_id, "nvidia-rtx-4090");
        assert_eq!(non[0].purpose, Purpose::Inference);
    }

    #[test]
    fn several_runs_and_multiplied_counts() {
        let got = runs(
            "The encoder was trained on 4 A100 GPUs for 2 days. \
             The decoder needs 10 hours of training on 8 A100 GPUs. \
             The search used 10 machines with 8 GPUs each.",
        );
        assert!(got.contains(&(Some("nvidia-a100".into()), Some(4), Some(48.0))));
        assert!(got.contains(&(Some("nvidia-a100".into()), Some(8), Some(10.0))));
        assert!(got.contains(&(Some("generic-gpu".into()), Some(80), None)));
    }
}
