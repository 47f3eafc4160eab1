//! A run's confidence: higher when hardware, count and time sit in one sentence, lower when
//! pieces were gathered from neighbouring sentences, tables or derived by arithmetic.

use crate::model::HoursBasis;

/// What is known about how a run was put together.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    pub hardware: bool,
    /// The hardware is a model, not just "GPU".
    pub named_model: bool,
    pub count: bool,
    pub hours: Option<HoursBasis>,
    /// Hardware and time were read from the same sentence.
    pub together: bool,
    /// Hardware filled in from the paper's only training device, or a neighbouring sentence.
    pub inferred: bool,
    /// Time read from a table row.
    pub table: bool,
}

pub fn confidence(s: Signals) -> f64 {
    let mut c: f64 = 0.35;
    if s.hardware {
        c += 0.15;
        if s.named_model {
            c += 0.1;
        }
    }
    if s.count {
        c += 0.1;
    }
    if let Some(basis) = s.hours {
        c += match basis {
            HoursBasis::Stated | HoursBasis::Range => 0.2,
            HoursBasis::UpperBound => 0.15,
            HoursBasis::Derived => 0.1,
        };
    }
    if s.together && s.hardware && s.count && s.hours.is_some() {
        c += 0.1;
    }
    if s.inferred {
        c -= 0.1;
    }
    if s.table {
        c -= 0.05;
    }
    (c.clamp(0.1, 0.99) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_with_everything_beats_pieces() {
        let all = Signals {
            hardware: true,
            named_model: true,
            count: true,
            hours: Some(HoursBasis::Stated),
            together: true,
            ..Default::default()
        };
        let apart = Signals {
            together: false,
            inferred: true,
            ..all
        };
        assert!(confidence(all) > confidence(apart));
        assert!(confidence(all) >= 0.9);
        let bare = Signals {
            hardware: true,
            ..Default::default()
        };
        assert!(confidence(bare) < 0.6);
    }
}
