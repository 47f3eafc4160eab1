//! SVG plots written by hand: deterministic bytes, no font files or system libraries needed.

use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One paper's bar: a label a reader recognises, the full name on hover, the energy.
#[derive(Debug, Clone, PartialEq)]
pub struct EnergyBar {
    /// Short title and year ("DDSP-based Singing Vocoders… (2022)").
    pub label: String,
    /// Paper id and full title, shown on hover.
    pub full: String,
    pub kwh: f64,
}

/// Characters of title kept in a bar label; the rest is on hover.
const LABEL_CHARS: usize = 38;

impl EnergyBar {
    pub fn new(id: &str, title: &str, year: Option<i32>, kwh: f64) -> Self {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short = String::new();
        for w in title.split(' ').filter(|w| !w.is_empty()) {
            if short.chars().count() + w.chars().count() + 1 > LABEL_CHARS {
                break;
            }
            if !short.is_empty() {
                short.push(' ');
            }
            short.push_str(w);
        }
        let short = match (short.is_empty(), title.is_empty()) {
            (_, true) => id.to_string(),
            // One word longer than the room: cut it.
            (true, false) => format!("{}…", title.chars().take(LABEL_CHARS).collect::<String>()),
            (false, false) if short.len() < title.len() => {
                format!("{}…", short.trim_end_matches([',', ':', ';', '-']))
            }
            _ => short,
        };
        let label = match year {
            Some(y) => format!("{short} ({y})"),
            None => short,
        };
        let full = if title.is_empty() {
            id.to_string()
        } else {
            format!("{id}: {title}")
        };
        EnergyBar { label, full, kwh }
    }
}

/// Horizontal bars on a log10 axis (energies span four orders of magnitude), largest first.
pub fn energy_per_paper(title: &str, bars: &[EnergyBar]) -> String {
    let mut bars: Vec<&EnergyBar> = bars.iter().filter(|b| b.kwh > 0.0).collect();
    bars.sort_by(|a, b| b.kwh.total_cmp(&a.kwh).then(a.label.cmp(&b.label)));
    let row_h = 18.0;
    // Room for the longest label at about 6 px a character (11 px sans-serif), so none is cut.
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let left = (longest as f64 * 6.2 + 16.0).clamp(120.0, 360.0);
    let plot_w = 520.0;
    let top = 40.0;
    let height = top + row_h * bars.len().max(1) as f64 + 50.0;
    let width = left + plot_w + 90.0;
    let lo = bars
        .iter()
        .map(|b| b.kwh)
        .fold(f64::INFINITY, f64::min)
        .log10()
        .floor()
        .min(0.0);
    let hi = bars
        .iter()
        .map(|b| b.kwh)
        .fold(1.0f64, f64::max)
        .log10()
        .ceil()
        .max(lo + 1.0);
    let x = |v: f64| left + (v.log10() - lo) / (hi - lo) * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{:.0}\" y=\"22\" font-size=\"14\" text-anchor=\"middle\">{}</text>\n",
        width / 2.0,
        esc(title)
    );
    let axis_y = top + row_h * bars.len().max(1) as f64;
    let mut p = lo as i32;
    while p <= hi as i32 {
        let xv = x(10f64.powi(p));
        let _ = writeln!(
            s,
            "<line x1=\"{xv:.1}\" y1=\"{top:.1}\" x2=\"{xv:.1}\" y2=\"{axis_y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{xv:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            axis_y + 14.0,
            crate::estimate::fmt_num(10f64.powi(p))
        );
        p += 1;
    }
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">kWh (log scale)</text>",
        left + plot_w / 2.0,
        axis_y + 32.0
    );
    for (i, bar) in bars.iter().enumerate() {
        let v = &bar.kwh;
        let y = top + row_h * i as f64;
        let x0 = x(10f64.powf(lo));
        let _ = writeln!(
            s,
            "<g><title>{}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#4c8c4a\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            esc(&bar.full),
            left - 6.0,
            y + row_h * 0.7,
            esc(&bar.label),
            y + 2.0,
            (x(*v) - x0).max(1.0),
            row_h - 4.0,
            x(*v) + 4.0,
            y + row_h * 0.7,
            crate::estimate::fmt_num((v * 100.0).round() / 100.0)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Stacked bars per year: full / partial / none disclosure.
pub fn disclosure_per_year(title: &str, years: &[(i32, [u32; 3])]) -> String {
    let colors = ["#2f6f3e", "#9ccf7a", "#d9d9d9"];
    let names = ["full", "partial", "none"];
    let left = 50.0;
    let top = 40.0;
    let plot_h = 260.0;
    let bar_w = 40.0;
    let gap = 20.0;
    let width = left + (bar_w + gap) * years.len().max(1) as f64 + 120.0;
    let height = top + plot_h + 50.0;
    let max = years
        .iter()
        .map(|(_, c)| c.iter().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{:.0}\" y=\"22\" font-size=\"14\" text-anchor=\"middle\">{}</text>\n",
        width / 2.0,
        esc(title)
    );
    let base = top + plot_h;
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\" stroke=\"black\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">papers</text>",
        width - 110.0,
        left - 6.0,
        top + 4.0
    );
    for (i, (year, counts)) in years.iter().enumerate() {
        let x = left + gap / 2.0 + (bar_w + gap) * i as f64;
        let mut y = base;
        for (k, n) in counts.iter().enumerate() {
            let h = f64::from(*n) / max * plot_h;
            y -= h;
            if *n > 0 {
                let _ = writeln!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w}\" height=\"{h:.1}\" fill=\"{}\">\
                     <title>{year} {}: {n}</title></rect>",
                    colors[k], names[k]
                );
            }
        }
        let total: u32 = counts.iter().sum();
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{total}</text>",
            x + bar_w / 2.0,
            base + 14.0,
            x + bar_w / 2.0,
            y - 4.0
        );
    }
    for (k, name) in names.iter().enumerate() {
        let ly = top + 16.0 * k as f64;
        let lx = width - 100.0;
        let _ = writeln!(
            s,
            "<rect x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{name}</text>",
            colors[k],
            lx + 14.0,
            ly + 9.0
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_sorted_largest_first() {
        let svg = energy_per_paper(
            "t",
            &[
                EnergyBar::new("a", "small", None, 2.0),
                EnergyBar::new("b", "<big> & co", None, 4000.0),
            ],
        );
        assert!(svg.contains("&lt;big&gt; &amp; co"));
        assert!(svg.find("&lt;big&gt;").unwrap() < svg.find("small").unwrap());
        assert!(!svg.contains("<big>"));
    }

    #[test]
    fn labels_are_short_titles_with_the_full_name_on_hover() {
        let b = EnergyBar::new(
            "ismir2022-ddsp-based-singing-vocoders-a-new",
            "DDSP-based Singing Vocoders: A New Subtractive-based Synthesizer and A Comprehensive Evaluation",
            Some(2022),
            22.05,
        );
        assert_eq!(b.label, "DDSP-based Singing Vocoders: A New… (2022)");
        assert!(b
            .full
            .starts_with("ismir2022-ddsp-based-singing-vocoders-a-new: DDSP-based"));
        assert_eq!(
            EnergyBar::new("x-1", "", Some(2020), 1.0).label,
            "x-1 (2020)"
        );
        // The margin fits the longest label: its text starts inside the picture.
        let svg = energy_per_paper("t", std::slice::from_ref(&b));
        let x: f64 = svg
            .split("text-anchor=\"end\"")
            .next()
            .and_then(|head| head.rsplit("<text x=\"").next())
            .and_then(|t| t.split('"').next())
            .and_then(|t| t.parse().ok())
            .unwrap();
        assert!(x - b.label.chars().count() as f64 * 6.0 > 0.0, "{x}");
        assert!(svg.contains("<title>ismir2022-ddsp-based-singing-vocoders-a-new: DDSP-based"));
    }

    #[test]
    fn disclosure_plot_has_one_bar_group_per_year() {
        let svg = disclosure_per_year("d", &[(2017, [1, 2, 3]), (2018, [0, 0, 4])]);
        assert_eq!(svg.matches("<title>").count(), 4);
        assert!(svg.contains(">2017</text>") && svg.contains(">2018</text>"));
    }
}
