//! Runs from mentions that belong together: hardware, count and duration in one sentence, or a
//! training duration with the hardware of a neighbouring sentence; per-epoch times times the
//! stated epochs (and cross-validation folds); several runs per paper.

use super::counts::{count_after, count_before, unit_count};
use super::durations::{all_durations, clause_around, device_times, epochs, find_durations, folds};
use super::hardware::{find_mentions, Mention};
use super::multipliers::multiplier;
use super::purpose::{
    classify, has_training_cue, is_capacity, is_human_study_time, is_hypothetical, is_vague_fleet,
    sentence_is_ignored, speaks_of_us, trains_a_model, Use,
};
use super::sections::Zone;
use crate::model::{Hours, HoursBasis, Purpose};
use crate::reference::{HardwareCatalog, HardwareKind};

/// A sentence of the document with where it sits.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    pub page: u32,
    /// The part of the paper it is in (introduction, related work, body…).
    pub zone: Zone,
    /// Its (sub)section is about training or compute ("Training Time"): a time stated there
    /// is a training time even when the sentence does not say so.
    pub about_training: bool,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Sent {
    /// The sentences of one page of plain text, all in `zone` (for tests and callers that
    /// hold text, not a document).
    pub fn all_of(text: &str, zone: Zone) -> Vec<Sent> {
        crate::text::split_sentences(text)
            .into_iter()
            .map(|s| Sent {
                page: 1,
                zone,
                about_training: false,
                start: s.start,
                end: s.end,
                text: s.text,
            })
            .collect()
    }
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
    /// Device time ("1,200 GPU hours") when no device count turns it into wall-clock hours.
    pub device_hours: Option<f64>,
    /// Repetitions the paper's total counts: factor and what is counted ("8 folds").
    pub multiplier: Option<(f64, String)>,
    /// How much training its sentence states ("500k steps"): two statements of the same
    /// device and time with different amounts are two runs, not one stated twice.
    pub amount: Option<String>,
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
            device_hours: None,
            multiplier: None,
            amount: None,
        }
    }
}

static DEVICE_TIME_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^[- ]?(?:(?:gpu|tpu|accelerator|device|chip|core|card)[- ]?)?(?:hours?|hrs?|h|days?)\b")
        .expect("device time after regex")
});

/// "500K steps", "30 epochs", "1M iterations".
static AMOUNT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(\d+(?:[.,]\d+)*\s*[km]?)\s*(?:training\s+|gradient\s+)?(steps|iterations|iters|updates|epochs)\b")
        .expect("amount regex")
});

/// The amount of training a sentence states, normalised ("500k steps").
pub fn training_amount(text: &str) -> Option<String> {
    let c = AMOUNT.captures(text)?;
    let n: String = c[1]
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != ',')
        .collect::<String>()
        .to_lowercase();
    let unit = match c[2].to_lowercase().as_str() {
        "iters" | "iterations" | "updates" | "steps" => "steps",
        _ => "epochs",
    };
    Some(format!("{n} {unit}"))
}

/// Words right before a time that make it the total of several stated before.
static STATED_TOTAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:in total|a total of|total(?:ling|ing)?|overall|altogether|combined|summing to|sum of)\s+(?:of\s+)?(?:about\s+|approximately\s+|around\s+|roughly\s+|~\s*)?$")
        .expect("stated total regex")
});

/// "on the same machine", "with the same hardware": the hardware of an earlier sentence.
static SAME_HARDWARE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:the|this|that) same (?:machine|hardware|gpus?|tpus?|setup|set-up|server|node|configuration|device|card|computer|workstation|cluster)\b")
        .expect("same hardware regex")
});

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
            // "2,500 A100 GPU-hours": the number counts hours, not devices.
            let device_time = DEVICE_TIME_AFTER.is_match(&text[m.end..]);
            let count = match count_before(text, m.start) {
                _ if device_time => None,
                Some(c) if c.per_unit => {
                    let mut ctx = text[..m.start].to_string();
                    if i > 0 {
                        ctx = format!("{} {ctx}", sents[i - 1].text);
                    }
                    Some(unit_count(&ctx).map_or(c.value, |u| u.saturating_mul(c.value)))
                }
                Some(c) => Some(c.value),
                // A TPU slice's name is its size: "on TPU v3-8" is one slice.
                None => count_after(text, m.end).or(m.one_unit.then_some(1)),
            };
            let clause = clause_around(text, m.start, m.end);
            let before = &text[..m.start];
            let use_ = if is_vague_fleet(before) || is_capacity(before) {
                Use::Ignore
            } else {
                classify(text, clause)
            };
            Placed {
                use_,
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
        let kind = placed[g].mention.kind;
        let same: Vec<usize> = named
            .iter()
            .copied()
            // Someone else's device ("Jukebox was trained on 512 V100s; instead we train on
            // one GPU") is not what our generic word stands for.
            .filter(|&n| {
                placed[n].mention.kind == kind
                    && (placed[n].use_ == Use::Ignore) == (placed[g].use_ == Use::Ignore)
            })
            .collect();
        if let Some(&n) = same
            .iter()
            .min_by_key(|&&n| placed[n].mention.start.abs_diff(placed[g].mention.start))
        {
            let text = &sents[i].text;
            let (named_at, generic_at) = (placed[n].mention.start, placed[g].mention.start);
            // "a server with 8 RTX 3090 GPUs, although each model was trained on a single
            // GPU": the machine holds eight, the run used what the training clause says.
            let used_fewer = generic_at > named_at
                && MACHINE_WITH.is_match(&text[..named_at])
                && has_training_cue(clause_around(text, generic_at, placed[g].mention.end))
                && matches!((placed[g].count, placed[n].count), (Some(u), Some(held)) if u < held);
            if used_fewer {
                let note = format!(
                    "the machine holds {}; the run used {}",
                    placed[n].count.unwrap_or(0),
                    placed[g].count.unwrap_or(0)
                );
                placed[n].count = placed[g].count;
                placed[n].mention.notes.push(note);
            } else if placed[n].count.is_none() {
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
        .any(|p| p.use_ == Use::Training && p.mention.kind.is_accelerator());
    if accelerator {
        placed.retain(|p| p.mention.kind != HardwareKind::Cpu || p.use_ != Use::Training);
    }
    placed
}

/// The words before a device that a machine holds: "a server with 8", "a node equipped with
/// four NVIDIA".
static MACHINE_WITH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:servers?|machines?|nodes?|workstations?|computers?|clusters?|hosts?|systems?)\s+(?:\w+\s+){0,2}?(?:with|equipped with|containing|featuring|having|that has|has)\s+(?:\S+\s+){0,3}$")
        .expect("machine with regex")
});

/// Forms runs and non-training uses from the sentences of a document.
pub fn find_runs(sents: &[Sent], catalog: &HardwareCatalog) -> (Vec<Draft>, Vec<NonTrainingDraft>) {
    let others = cited_names(sents);
    // Outside the body, a sentence opening with a cited system speaks of that system; in the
    // body the authors often train cited architectures themselves ("Projected GAN converges
    // at 2 hours").
    let not_ours =
        |s: &Sent| not_ours(s) || (s.zone != Zone::Body && about_cited_model(&s.text, &others));
    // A paper that trains no model runs its experiments for evaluation only.
    let trains = sents
        .iter()
        .any(|s| !not_ours(s) && trains_a_model(&s.text));
    let placed: Vec<Vec<Placed>> = (0..sents.len())
        .map(|i| {
            if not_ours(&sents[i]) {
                Vec::new()
            } else {
                let mut p = place_mentions(sents, i, catalog);
                if !trains {
                    for m in p.iter_mut().filter(|m| m.use_ == Use::Training) {
                        m.use_ = Use::NotTraining(Purpose::Benchmark);
                    }
                }
                p
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
        if not_ours(s) {
            continue;
        }
        // "The model was trained with Adam. It ran for three days on an NVIDIA GPU.": a
        // sentence that goes on about the training of the one before.
        let continues =
            i > 0 && s.zone == sents[i - 1].zone && continues_training(&sents[i - 1].text, text);
        let training: Vec<&Placed> = placed[i]
            .iter()
            .filter(|p| p.use_ == Use::Training || (continues && p.use_ == Use::Unknown))
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
        // Sentences around this one: a study with participants makes its "experiment" a
        // listening test.
        let around = |lo: usize, hi: usize| {
            sents[i.saturating_sub(lo)..(i + hi + 1).min(sents.len())]
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let cue = has_training_cue(text);
        let found = if trains {
            find_durations(text)
        } else {
            Vec::new()
        };
        let n_found = found.len();
        let durations: Vec<_> = if trains
            && (cue || s.about_training || continues)
            && !is_human_study_time(text, &around(3, 1))
        {
            found
                .into_iter()
                .filter(|d| {
                    let clause = clause_around(text, d.start, d.end);
                    !is_hypothetical(clause)
                        && matches!(classify(text, clause), Use::Training | Use::Unknown)
                        && (cue || is_length_of_work(text, d))
                })
                .collect()
        } else {
            Vec::new()
        };
        // A sentence listing data sizes ("… in total 130 minutes, … 61 minutes") lists no
        // run times, unless a clause says training.
        let lists_data = cue && n_found < all_durations(text);
        let durations: Vec<_> = durations
            .into_iter()
            .filter(|d| !lists_data || has_training_cue(clause_around(text, d.start, d.end)))
            .collect();
        let mut totals: Vec<Hours> = Vec::new();
        let mut positions: Vec<usize> = Vec::new();
        let mut factors: Vec<Option<(f64, String)>> = Vec::new();
        // "140 minutes and 43.5 hours to train one epoch … 50 and 20 epochs, respectively":
        // per-epoch times pair with a list of epochs in order.
        let per_epoch_count = durations.iter().filter(|d| d.per_epoch).count();
        let paired = respective_epochs(sents, i, per_epoch_count);
        let mut pe = 0;
        for (k, d) in durations.iter().enumerate() {
            let before = totals.len();
            let clause = clause_around(text, d.start, d.end);
            // The words of this time alone: its clause up to the times before and after it.
            let from = k.checked_sub(1).map_or(0, |j| durations[j].end);
            let to = durations.get(k + 1).map_or(text.len(), |n| n.start);
            let own = &text[from.min(d.start)..to.max(d.end)];
            if d.per_epoch {
                let n = paired
                    .as_ref()
                    .map(|list| list[pe])
                    .or_else(|| nearest_epochs(sents, i));
                pe += 1;
                if let Some(n) = n {
                    let v = d.hours.value * n;
                    totals.push(Hours {
                        value: v,
                        low: v,
                        high: v,
                        basis: HoursBasis::Derived,
                    });
                    // What the sentence repeats ("each of the three models") first; else
                    // every fold of a cross-validation trains the epochs again.
                    factors.push(
                        multiplier(sents, i, clause, own).or_else(|| {
                            k_folds.map(|k| (k, format!("{k} folds (cross-validation)")))
                        }),
                    );
                }
            } else if d.hours.value >= 0.05 || d.hours.basis == HoursBasis::Derived {
                totals.push(d.hours);
                factors.push(multiplier(sents, i, clause, own));
            }
            if totals.len() > before {
                positions.push(d.start);
            }
        }
        // "10 hours per model, 40 hours in total": the stated total is the paper's count.
        if totals.len() > 1 {
            if let Some(k) =
                (0..totals.len()).find(|&k| STATED_TOTAL.is_match(&text[..positions[k]]))
            {
                totals = vec![totals[k]];
                positions = vec![positions[k]];
                factors = vec![None];
            }
        }
        let first_draft = drafts.len();
        let stated = totals.clone();
        let hw = |p: &Placed| (Some(p.mention.clone()), p.count);
        // Device time ("1,200 GPU hours on 8 A100s"): wall-clock hours when the devices are
        // counted, else kept as device time.
        if totals.is_empty() && (has_training_cue(text) || text.to_lowercase().contains("comput")) {
            for t in device_times(text) {
                let clause = clause_around(text, t.start, t.end);
                if is_hypothetical(clause)
                    || !matches!(classify(text, clause), Use::Training | Use::Unknown)
                {
                    continue;
                }
                // The sentence's training device, else a named accelerator it mentions for
                // nothing else ("2,500 A100 GPU-hours").
                let own = training.first().copied().or_else(|| {
                    placed[i].iter().find(|p| {
                        p.use_ == Use::Unknown
                            && !p.mention.generic
                            && p.mention.kind.is_accelerator()
                    })
                });
                let (m, c, j) = match own {
                    Some(p) => (Some(p.mention.clone()), p.count, None),
                    None => match neighbour_index(&placed, sents, i) {
                        Some(j) => {
                            let (m, c) = neighbour_hardware(&placed, sents, i)
                                .map(hw)
                                .unwrap_or((None, None));
                            (m, c, Some(j))
                        }
                        None => (None, None, None),
                    },
                };
                let mut d = Draft::new(m, c, None, i);
                match c {
                    Some(n) if n > 0 => {
                        let v = t.device_hours / f64::from(n);
                        d.hours = Some(Hours {
                            value: v,
                            low: v,
                            high: v,
                            basis: HoursBasis::Derived,
                        });
                    }
                    _ => d.device_hours = Some(t.device_hours),
                }
                if let (Some(j), true) = (j, d.hardware.is_some()) {
                    d.sentences.push(j);
                    d.sentences.sort();
                }
                d.together = false;
                drafts.push(d);
            }
        }
        match (training.len(), totals.len()) {
            (0, 0) => {}
            (0, _) => {
                let same = SAME_HARDWARE.is_match(text);
                let earlier = if same {
                    earlier_hardware(&placed, sents, i)
                } else {
                    None
                };
                let (m, c) = match earlier {
                    Some((_, p)) => hw(p),
                    None => neighbour_hardware(&placed, sents, i)
                        .map(hw)
                        .unwrap_or((None, None)),
                };
                let j = match earlier {
                    Some((j, _)) => Some(j),
                    None => neighbour_index(&placed, sents, i),
                };
                for h in totals {
                    let mut d = Draft::new(m.clone(), c, Some(h), i);
                    if let Some(j) = j {
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
            (1, t) => {
                let (m, c) = hw(training[0]);
                // "for 2 and 5 days on 1 and 4 GPUs, respectively": one count per time.
                let counts = respective_counts(text, training[0].mention.start, t);
                for (k, h) in totals.into_iter().enumerate() {
                    let c = counts.as_ref().map_or(c, |l| Some(l[k]));
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
                // Each time goes to the nearest training device ("X was trained on …; our
                // model trains in 9 hours on one RTX 4090").
                let mut timed = vec![false; training.len()];
                for (h, at) in totals.iter().zip(&positions) {
                    let k = nearest_mention(&training, text, *at);
                    timed[k] = true;
                    let (m, c) = hw(training[k]);
                    drafts.push(Draft::new(m, c, Some(*h), i));
                }
                for (k, p) in training.iter().enumerate() {
                    if !timed[k] {
                        let (m, c) = hw(p);
                        drafts.push(Draft::new(m, c, None, i));
                    }
                }
            }
        }
        // Each time's multiplier goes with the run that took it.
        let mut used = vec![false; stated.len()];
        for d in drafts[first_draft..].iter_mut() {
            let Some(h) = d.hours else { continue };
            if let Some(k) = (0..stated.len()).find(|&k| !used[k] && stated[k] == h) {
                used[k] = true;
                d.multiplier = factors[k].clone();
            }
        }
    }
    // A paper that names no training hardware but a model GPU/TPU next to a training
    // statement (a sentence broken by a page break, "…one epoch … took 254 s using a …"), or
    // says it used one in the body near its training ("The system is trained on a standalone
    // server. … the GPUs are four Nvidia Titan Xp.", "We used four V100 GPUs.").
    if trains && !drafts.iter().any(|d| d.hardware.is_some()) {
        for i in 0..sents.len() {
            for p in &placed[i] {
                let named = !p.mention.generic && p.mention.kind.is_accelerator();
                let near_training =
                    (i.saturating_sub(3)..=i).any(|j| has_training_cue(&sents[j].text));
                let seen = drafts.iter().any(|d: &Draft| {
                    d.hardware.as_ref().map(|m| &m.device_id) == Some(&p.mention.device_id)
                });
                let timed = all_durations(&sents[i].text) > 0;
                let used = sents[i].zone == Zone::Body && USED_HARDWARE.is_match(&sents[i].text);
                if named && p.use_ == Use::Unknown && near_training && (timed || used) && !seen {
                    drafts.push(Draft::new(Some(p.mention.clone()), p.count, None, i));
                }
            }
        }
    }
    for d in &mut drafts {
        d.amount = d
            .sentences
            .iter()
            .find_map(|&j| training_amount(&sents[j].text));
    }
    (drafts, non_training)
}

/// The devices of each of `n` runs listed before a device's name when the sentence pairs
/// lists "respectively": "on 1 and 4 GPUs", "on 2, 4 and 8 V100s".
fn respective_counts(text: &str, device_at: usize, n: usize) -> Option<Vec<u32>> {
    static LIST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)(?P<list>\d{1,4}(?:\s*,\s*\d{1,4})*\s*,?\s*(?:and|or)\s+\d{1,4})\s*(?:[x×]\s*)?(?:\w+\s+){0,2}$")
            .expect("count list regex")
    });
    if n < 2 || !text.to_lowercase().contains("respectively") {
        return None;
    }
    let c = LIST.captures(&text[..device_at])?;
    let counts: Vec<u32> = c["list"]
        .split(|ch: char| !ch.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect();
    (counts.len() == n && counts.iter().all(|&k| k > 0)).then_some(counts)
}

/// A time said as how long some work lasted ("DDS takes 24 hours", "ran for 3 days"), not a
/// moment ("after 72 hours, we evaluated") or a property of something else ("under 2 hour time
/// controls"): what a sentence needs when only its section's title says it is about training.
fn is_length_of_work(text: &str, d: &super::durations::Duration) -> bool {
    static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:takes?|took|taking|lasts?|lasted|lasting|requires?|required|requiring|needs?|needed|spent|spends?|ran|runs?|running|for|in|of|is|was|are|were)\s+(?:(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|only|just|over|more than|less than|under|within|up to)\s+)?$")
            .expect("length of work regex")
    });
    static NOUN_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[-\s]*(?:[a-z]+)\b").expect("noun after regex")
    });
    let before = &text[..d.start];
    let after = &text[d.end..];
    // Words that go on after a time without making it an adjective ("24 hours on", "3 days
    // of"); any other word after it is the noun it describes ("2 hour time controls").
    const GOES_ON: &[&str] = &[
        "on", "in", "with", "using", "and", "or", "per", "each", "to", "for", "of", "at", "until",
        "before", "after", "when", "while", "which", "the",
    ];
    let modifies_noun = NOUN_AFTER.find(after).is_some_and(|m| {
        let w = m.as_str().trim_start_matches(['-', ' ']).to_lowercase();
        !GOES_ON.contains(&w.as_str())
    });
    (BEFORE.is_match(before) || d.start == 0 || before.trim_end().ends_with(['~', '≈']))
        && !modifies_noun
}

/// The sentence goes on about the training the sentence before states: its subject points
/// back ("It", "This", "The whole process") and says how long it ran or where.
fn continues_training(before: &str, text: &str) -> bool {
    static POINTS_BACK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\W*(?:it|this|that|the (?:whole |entire |full |complete )?(?:process|procedure|run|optimi[sz]ation))\s+(?:\w+\s+){0,2}?(?:ran|runs|took|takes|lasted|lasts|required|requires|needed|needs|completed|finished|converged|converges)\b")
            .expect("points back regex")
    });
    POINTS_BACK.is_match(text) && has_training_cue(before) && !has_training_cue(text)
}

/// Words that say hardware was used or is the machine the work ran on.
static USED_HARDWARE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:used|use|uses|using|utili[sz](?:e|ed|es|ing)|employ(?:ed|s|ing)?|equipped|(?:runs?|ran|performed|conducted|carried out)\s+on|(?:the|our)\s+(?:gpus?|tpus?|accelerators?|hardware)\s+(?:is|are|was|were|consists?|consisted)|servers?|machines?|workstations?|nodes?|clusters?)\b")
        .expect("used hardware regex")
});

/// The sentence reports no run of the paper's own: acknowledgements, references, related work
/// and an introduction's words on other systems (unless they say "we"/"our").
fn not_ours(s: &Sent) -> bool {
    sentence_is_ignored(&s.text)
        || s.zone.reports_nothing()
        || (s.zone.speaks_of_others() && !speaks_of_us(&s.text))
}

/// Names the paper cites as others' systems: "Jukebox [5]", "Music Transformer [3]".
static CITED_NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\b([A-Z][A-Za-z0-9]*(?:[- ][A-Z0-9][A-Za-z0-9]*)?)\s*\[\d+(?:\s*[,–-]\s*\d+)*\]",
    )
    .expect("cited name regex")
});

/// Capitalised words that start sentences or cite, not names of systems.
const NOT_NAMES: &[&str] = &[
    "in",
    "see",
    "as",
    "the",
    "this",
    "these",
    "that",
    "following",
    "like",
    "unlike",
    "similar",
    "similarly",
    "recently",
    "e",
    "i",
    "and",
    "or",
    "by",
    "from",
    "with",
    "for",
    "to",
    "of",
    "on",
    "work",
    "works",
    "refs",
    "ref",
    "section",
    "table",
    "figure",
    "fig",
    "eq",
    "method",
    "methods",
    "model",
    "models",
    "approach",
    "approaches",
    "dataset",
    "datasets",
    "paper",
    "papers",
    "authors",
    "studies",
    "study",
    "et",
    "al",
    "however",
    "thus",
    "here",
    "also",
];

/// Systems the paper cites, whose runs are others' compute.
fn cited_names(sents: &[Sent]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in sents {
        for c in CITED_NAME.captures_iter(&s.text) {
            let name = c[1].to_string();
            let first = name.split([' ', '-']).next().unwrap_or("").to_lowercase();
            if name.len() < 3 || NOT_NAMES.contains(&first.as_str()) {
                continue;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    // A name the paper also calls its own is not someone else's.
    let lower: Vec<String> = sents.iter().map(|s| s.text.to_lowercase()).collect();
    names.retain(|n| {
        let own = format!("our {}", n.to_lowercase());
        !lower.iter().any(|t| t.contains(&own))
    });
    names
}

/// The sentence is about a cited system: it opens with its name and never says "we"/"our".
fn about_cited_model(text: &str, names: &[String]) -> bool {
    if speaks_of_us(text) {
        return false;
    }
    let head: String = text.chars().take(60).collect();
    names.iter().any(|n| {
        head.match_indices(n.as_str()).any(|(at, _)| {
            let before = head[..at].trim();
            // "Jukebox was …", "The Jukebox model …", "However, Jukebox …".
            before.is_empty() || before.split_whitespace().count() <= 2
        })
    })
}

/// The training mention closest to byte `at`, a `;` between them counting as far.
fn nearest_mention(training: &[&Placed], text: &str, at: usize) -> usize {
    let gap = |p: &Placed| {
        let (a, b) = if p.mention.end <= at {
            (p.mention.end, at)
        } else {
            (at, p.mention.start)
        };
        let between = &text[a.min(b)..b.max(a)];
        let far = if between.contains(';') { 10_000 } else { 0 };
        b.saturating_sub(a) + far
    };
    (0..training.len())
        .min_by_key(|&k| gap(training[k]))
        .unwrap_or(0)
}

/// The closest earlier sentence (within ten) with training hardware, GPU/TPU first: what
/// "the same machine" refers to.
fn earlier_hardware<'a>(
    placed: &'a [Vec<Placed>],
    sents: &[Sent],
    i: usize,
) -> Option<(usize, &'a Placed)> {
    (i.saturating_sub(10)..i).rev().find_map(|j| {
        if sents[j].page.abs_diff(sents[i].page) > 1 {
            return None;
        }
        let cands: Vec<&Placed> = placed[j]
            .iter()
            .filter(|p| p.use_ == Use::Training)
            .collect();
        cands
            .iter()
            .find(|p| p.mention.kind.is_accelerator())
            .or(cands.first())
            .map(|p| (j, *p))
    })
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
        .find(|p| p.mention.kind.is_accelerator())
        .or(cands.first())
        .copied()
}

/// The epochs of a "respectively" list in sentence `i` or the next two, when it has exactly
/// `k` (≥ 2) entries: "50 epochs on MAPS and 20 epochs for MAESTRO, respectively".
fn respective_epochs(sents: &[Sent], i: usize, k: usize) -> Option<Vec<f64>> {
    if k < 2 {
        return None;
    }
    (i..(i + 3).min(sents.len())).find_map(|j| {
        let t = &sents[j].text;
        if !t.to_lowercase().contains("respectively") {
            return None;
        }
        let list: Vec<f64> = EPOCH_NUMBERS
            .captures_iter(t)
            .filter_map(|c| c[1].parse().ok())
            .collect();
        (list.len() == k).then_some(list)
    })
}

static EPOCH_NUMBERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(\d+)\s+(?:training\s+)?epochs\b").expect("epoch numbers regex")
});

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

    fn runs(text: &str) -> Vec<(Option<String>, Option<u32>, Option<f64>)> {
        let r = Reference::embedded().unwrap();
        let sents = Sent::all_of(text, Zone::Body);
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
        let sents = Sent::all_of(text, Zone::Body);
        let (runs, non) = find_runs(&sents, &r.hardware);
        assert!(runs.is_empty());
        assert_eq!(non.len(), 1);
        assert_eq!(non[0].mention.device_id, "nvidia-rtx-4090");
        assert_eq!(non[0].purpose, Purpose::Inference);
    }

    #[test]
    fn each_time_goes_to_the_nearest_device() {
        assert_eq!(
            runs("A baseline was trained on 64 V100 GPUs, which few labs have; our model trains in 9 hours on one RTX 4090."),
            [
                (Some("nvidia-rtx-4090".into()), Some(1), Some(9.0)),
                (Some("nvidia-v100".into()), Some(64), None)
            ]
        );
    }

    #[test]
    fn the_same_machine_is_an_earlier_one() {
        assert_eq!(
            runs(
                "The prior net was trained for 2 days on 2 RTX A5000 GPUs. Results follow. \
                  The decoder training took 9 hours on the same machine."
            ),
            [
                (Some("nvidia-rtx-a5000".into()), Some(2), Some(48.0)),
                (Some("nvidia-rtx-a5000".into()), Some(2), Some(9.0))
            ]
        );
    }

    #[test]
    fn device_hours_over_counted_devices() {
        // (The hardware-only draft of the same sentence is dropped by `extract::tidy`.)
        assert!(
            runs("Pre-training used a total of 1,200 GPU hours on 8 A100s.").contains(&(
                Some("nvidia-a100".into()),
                Some(8),
                Some(150.0)
            ))
        );
        let r = Reference::embedded().unwrap();
        let text = "Training takes 12 GPU-hours on V100s.";
        let sents = Sent::all_of(text, Zone::Body);
        let (d, _) = find_runs(&sents, &r.hardware);
        // The device-time draft first, then the sentence's hardware-only one (merged later).
        assert_eq!(d[0].hours, None);
        assert_eq!(d[0].device_hours, Some(12.0));
        assert_eq!(d[0].hardware.as_ref().unwrap().device_id, "nvidia-v100");
    }

    #[test]
    fn device_hours_of_a_named_model_have_no_count() {
        let r = Reference::embedded().unwrap();
        let text = "The total compute budget was approximately 2,500 A100 GPU-hours.";
        let sents = Sent::all_of(text, Zone::Body);
        let (d, _) = find_runs(&sents, &r.hardware);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].count, None);
        assert_eq!(d[0].device_hours, Some(2500.0));
    }

    #[test]
    fn others_runs_are_not_ours() {
        assert!(runs("Earlier work trained a music transformer on 32 TPU v3 cores for one week; we compare against their released checkpoints.").is_empty());
        assert!(runs(
            "Lee et al. [4] trained their system on 128 TPUs for 10 days, whereas we use one GPU."
        )
        .iter()
        .all(|r| r.0.as_deref() != Some("generic-tpu")));
        assert_eq!(
            runs("Unlike MusicLM, which was trained on TPU v4 pods, we trained on 2 A40 GPUs for 3 days."),
            [(Some("nvidia-a40".into()), Some(2), Some(72.0))]
        );
        assert_eq!(
            runs("Our largest model was trained on 16 machines with 8 NVIDIA A100 GPUs each for 5 days."),
            [(Some("nvidia-a100".into()), Some(128), Some(120.0))]
        );
        assert_eq!(
            runs("Using 8 Cloud TPU v3 chips, training converged after 36 hours."),
            [(Some("google-tpu-v3".into()), Some(8), Some(36.0))]
        );
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

#[cfg(test)]
mod total_tests {
    use super::*;
    use crate::reference::Reference;

    /// (device, count, hours, multiplier) of a run, as the paper's total counts it.
    type Total = (Option<String>, Option<u32>, Option<f64>, f64);

    fn totals(text: &str) -> Vec<Total> {
        let r = Reference::embedded().unwrap();
        let sents = Sent::all_of(text, Zone::Body);
        find_runs(&sents, &r.hardware)
            .0
            .into_iter()
            .filter(|d| d.hours.is_some())
            .map(|d| {
                (
                    d.hardware.map(|m| m.device_id),
                    d.count,
                    d.hours.map(|h| (h.value * 100.0).round() / 100.0),
                    d.multiplier.map_or(1.0, |m| m.0),
                )
            })
            .collect()
    }

    #[test]
    fn a_single_run_repeated_over_seeds() {
        assert_eq!(
            totals("We train with Adam. We report results averaged over five runs with different random seeds; a single run takes 6 hours on an RTX 3080."),
            [(Some("nvidia-rtx-3080".into()), Some(1), Some(6.0), 5.0)]
        );
    }

    #[test]
    fn all_n_models_multiply_the_time() {
        let got = totals(
            "All four models are trained on single GPUs with the Adam optimizer; training takes around 48 hours.",
        );
        assert_eq!(
            got,
            [(Some("generic-gpu".into()), Some(1), Some(48.0), 4.0)]
        );
    }

    #[test]
    fn each_fold_times_the_folds() {
        let got = totals(
            "We evaluate with 8-fold cross-validation. Each training fold takes 11 hours on one GTX 1080 Ti.",
        );
        assert_eq!(
            got,
            [(Some("nvidia-gtx-1080-ti".into()), Some(1), Some(11.0), 8.0)]
        );
    }

    #[test]
    fn times_for_named_variants_are_runs_each() {
        let got =
            totals("Training on 4 A100 GPUs took 31 hours for MAEST-5 and 48 hours for MAEST-30.");
        assert_eq!(
            got,
            [
                (Some("nvidia-a100".into()), Some(4), Some(31.0), 1.0),
                (Some("nvidia-a100".into()), Some(4), Some(48.0), 1.0)
            ]
        );
    }

    #[test]
    fn a_stated_total_beside_per_model_times_is_the_total() {
        let got = totals(
            "Each model takes 10 hours on one V100 GPU, for a total of 40 hours of training.",
        );
        assert_eq!(
            got,
            [(Some("nvidia-v100".into()), Some(1), Some(40.0), 1.0)]
        );
    }

    #[test]
    fn respectively_pairs_epoch_times_with_epochs() {
        let got = totals(
            "On one RTX 3090 it takes 140 minutes and 43.5 hours to train one epoch on MAPS and MAESTRO. \
             We train for 50 epochs on MAPS and 20 epochs for MAESTRO, respectively.",
        );
        assert_eq!(
            got,
            [
                (Some("nvidia-rtx-3090".into()), Some(1), Some(116.67), 1.0),
                (Some("nvidia-rtx-3090".into()), Some(1), Some(870.0), 1.0)
            ]
        );
    }
}

#[cfg(test)]
mod whose_tests {
    use super::*;
    use crate::reference::Reference;

    fn runs_of(text: &str) -> Vec<(Option<String>, Option<u32>, Option<f64>)> {
        runs_in(text, Zone::Body)
    }

    fn runs_in(text: &str, zone: Zone) -> Vec<(Option<String>, Option<u32>, Option<f64>)> {
        let r = Reference::embedded().unwrap();
        let sents = Sent::all_of(text, zone);
        find_runs(&sents, &r.hardware)
            .0
            .into_iter()
            .map(|d| {
                (
                    d.hardware.map(|m| m.device_id),
                    d.count,
                    d.hours.map(|h| h.value),
                )
            })
            .collect()
    }

    #[test]
    fn a_time_counts_by_its_section_only_when_said_as_the_length_of_work() {
        let length = |t: &str| {
            crate::extract::durations::find_durations(t)
                .iter()
                .map(|d| is_length_of_work(t, d))
                .collect::<Vec<_>>()
        };
        assert_eq!(length("DDS takes 24 hours."), [true]);
        assert_eq!(length("It ran for about 3 days on our cluster."), [true]);
        assert_eq!(length("The full model needs 9 hours per fold."), [true]);
        assert_eq!(
            length("After 72 hours, we evaluated it under the 2 hour time controls."),
            [false]
        );
    }

    #[test]
    fn counts_listed_with_times_respectively() {
        assert_eq!(
            runs_of("The small and large models were trained for 2 and 5 days on 1 and 4 V100 GPUs, respectively."),
            [
                (Some("nvidia-v100".into()), Some(1), Some(48.0)),
                (Some("nvidia-v100".into()), Some(4), Some(120.0))
            ]
        );
    }

    #[test]
    fn a_sentence_that_goes_on_about_the_training_before_it() {
        assert_eq!(
            runs_of("The model was trained with a batch size of 64. It ran for three consecutive days on an NVIDIA GPU."),
            [(Some("generic-gpu".into()), Some(1), Some(72.0))]
        );
        // Without a training statement before it, a run of something is not training.
        assert!(
            runs_of("We collected the recordings. It ran for three days on a laptop.").is_empty()
        );
    }

    #[test]
    fn hardware_the_paper_says_it_used_near_its_training() {
        for used in [
            "The GPUs are four Nvidia Titan Xp.",
            "Our server has four Nvidia Titan Xp GPUs.",
            "We used four Nvidia Titan Xp GPUs.",
        ] {
            let paper = format!(
                "The system is trained on a standalone server. {used} Error rates are reported."
            );
            assert_eq!(
                runs_of(&paper),
                [(Some("nvidia-titan-xp".into()), Some(4), None)],
                "{used}"
            );
        }
        // Not near a training statement, or not said to be used: nothing.
        assert!(runs_of("The system is trained with Adam. We report error rates. Results are in Table 2. The method is fast. The Titan Xp has 12 GB of memory.").is_empty());
    }

    #[test]
    fn a_cited_clause_is_others_even_when_the_next_clause_is_ours() {
        assert_eq!(
            runs_of("MusicLM was trained on TPU v4 [1]; in contrast, our model trains in 8 hours on one consumer GPU."),
            [(Some("generic-gpu".into()), Some(1), Some(8.0))]
        );
    }

    #[test]
    fn a_listening_experiment_is_not_a_run() {
        let paper = "We fine-tuned the model for 20 epochs on a single GPU. \
             Participants rated 75 songs in total, each lasting between 15 and 30 seconds. \
             The whole experiment took about 45 minutes to complete.";
        assert!(runs_of(paper).iter().all(|r| r.2.is_none()));
        // Without participants an experiment that took a time is the compute.
        let compute = "We fine-tuned the model for 20 epochs on a single GPU. \
             The whole experiment took about 45 minutes to complete.";
        assert!(runs_of(compute).iter().any(|r| r.2 == Some(0.75)));
    }

    #[test]
    fn a_cited_model_named_elsewhere_is_someone_elses() {
        let got = runs_in(
            "We build on Jukebox [5] and MusicLM [7]. Jukebox was trained on 512 V100 GPUs for four weeks. \
             We train our model on 2 RTX 3090 GPUs for 3 days.",
            Zone::Conclusion,
        );
        assert_eq!(got, [(Some("nvidia-rtx-3090".into()), Some(2), Some(72.0))]);
        // In the body, a cited architecture the authors train is theirs.
        let got = runs_of(
            "We compare with Projected GAN [5]. Projected GAN converges at about 2 hours on one V100 GPU.",
        );
        assert_eq!(got, [(Some("nvidia-v100".into()), Some(1), Some(2.0))]);
    }

    #[test]
    fn a_vague_fleet_is_someone_elses() {
        let got = runs_of(
            "We build on Jukebox [5] and MusicLM [7]. Jukebox was trained on hundreds of V100 GPUs for weeks. \
             We train our model on 2 RTX 3090 GPUs for 3 days.",
        );
        assert_eq!(got, [(Some("nvidia-rtx-3090".into()), Some(2), Some(72.0))]);
    }

    #[test]
    fn vague_fleets_and_compute_power_are_not_runs() {
        assert!(runs_of("Such models need the compute power of 256 V100 GPUs.").is_empty());
        assert!(runs_of("Models of this size are trained on thousands of TPUs.").is_empty());
    }

    #[test]
    fn infeasible_plans_are_not_runs() {
        assert!(runs_of(
            "Training the full model on one GPU would require 36 days, which is not feasible."
        )
        .is_empty());
        assert!(runs_of(
            "A full grid search is not feasible: it requires 36 days of training on our GPU."
        )
        .is_empty());
    }

    #[test]
    fn a_pods_size_is_not_the_device_count() {
        let got = runs_of(
            "TPU pods contain 1,024 TPU v3 chips. We trained on 8 TPU v3 chips for 2 days.",
        );
        assert_eq!(got, [(Some("google-tpu-v3".into()), Some(8), Some(48.0))]);
    }

    #[test]
    fn papers_that_train_nothing_run_no_training() {
        let got = runs_of(
            "We evaluate five published transcription systems on our new dataset. \
             All experiments were run on a laptop with an Intel Core i7-8550U CPU and took 3 hours.",
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
