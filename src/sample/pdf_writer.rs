//! A minimal PDF writer: Helvetica text pages (WinAnsi encoding), enough to typeset the sample
//! corpus without a TeX installation. Deterministic bytes: no dates, no random ids.

/// A line of text with its font size and whether it is bold.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    /// Centred, as title and author blocks are.
    pub center: bool,
}

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 72.0;

/// Maps a character to WinAnsi (cp1252); characters outside it become '?'.
fn win_ansi(c: char) -> u8 {
    match c as u32 {
        0x20..=0x7e => c as u8,
        0xa0..=0xff => c as u32 as u8,
        _ => match c {
            '–' => 0x96,
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '…' => 0x85,
            '€' => 0x80,
            _ => b'?',
        },
    }
}

fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in text.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

/// Wraps `text` to lines of at most `width` points at `size` (Helvetica averages ~0.5 em).
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let max_chars = ((width / (size * 0.5)) as usize).max(10);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Lays lines out top to bottom on as many pages as needed and returns the PDF bytes.
pub fn write_pdf(lines: &[Line]) -> Vec<u8> {
    // Paginate.
    let mut pages: Vec<Vec<u8>> = Vec::new();
    let mut content: Vec<u8> = Vec::new();
    let mut y = PAGE_H - MARGIN;
    for line in lines {
        let lead = line.size * 1.35;
        if y - lead < MARGIN {
            pages.push(std::mem::take(&mut content));
            y = PAGE_H - MARGIN;
        }
        y -= lead;
        if line.text.is_empty() {
            continue;
        }
        let x = if line.center {
            let width = line.text.chars().count() as f32 * line.size * 0.5;
            ((PAGE_W - width) / 2.0).max(MARGIN)
        } else {
            MARGIN
        };
        content.extend_from_slice(
            format!(
                "BT /{} {:.1} Tf {:.1} {:.1} Td ",
                if line.bold { "F2" } else { "F1" },
                line.size,
                x,
                y
            )
            .as_bytes(),
        );
        content.extend(pdf_string(&line.text));
        content.extend_from_slice(b" Tj ET\n");
    }
    pages.push(content);

    let n = pages.len();
    // Objects: 1 catalog, 2 pages, 3 F1, 4 F2, then (page, content) pairs.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, c) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", c.len()).into_bytes();
        stream.extend_from_slice(c);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_escapes() {
        assert_eq!(wrap("a b c", 10.0, 1000.0), ["a b c"]);
        assert!(wrap(&"word ".repeat(100), 10.0, 468.0).len() > 3);
        assert_eq!(
            pdf_string("f(x) \\ 4 × V100"),
            b"(f\\(x\\) \\\\ 4 \xd7 V100)".to_vec()
        );
    }

    #[test]
    fn output_is_a_well_formed_pdf() {
        let lines: Vec<Line> = (0..120)
            .map(|i| Line {
                text: format!("line {i}"),
                size: 10.0,
                bold: false,
                center: false,
            })
            .collect();
        let pdf = write_pdf(&lines);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        // 120 lines of 13.5 pt leading over 648 pt of text height per page.
        assert!(text.contains("/Count 3"), "three pages expected");
    }
}
