//! Explanations rendered for a terminal, Markdown and HTML. HTML escapes every text: paper
//! text is untrusted.

use super::Block;

pub fn render_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Heading(h) => {
                s.push_str(&format!(
                    "\n{h}\n{}\n",
                    "-".repeat(h.chars().count().min(100))
                ));
            }
            Block::Para(p) => s.push_str(&format!("{p}\n")),
            Block::Items(items) => {
                for i in items {
                    s.push_str(&format!("  - {i}\n"));
                }
            }
            Block::Code(c) => {
                for l in c.lines() {
                    s.push_str(&format!("    {l}\n"));
                }
            }
        }
    }
    s.trim_start().to_string()
}

pub fn render_markdown(blocks: &[Block]) -> String {
    let mut s = String::new();
    let mut first = true;
    for b in blocks {
        match b {
            Block::Heading(h) => {
                s.push_str(&format!("{} {h}\n\n", if first { "#" } else { "##" }));
                first = false;
            }
            Block::Para(p) => s.push_str(&format!("{p}\n\n")),
            Block::Items(items) => {
                for i in items {
                    s.push_str(&format!("- {}\n", i.replace('\n', " ")));
                }
                s.push('\n');
            }
            Block::Code(c) => s.push_str(&format!("```\n{c}\n```\n\n")),
        }
    }
    s
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render_html(blocks: &[Block]) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .unwrap_or("greenmir explanation");
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}\
         pre{{background:#f4f4f4;padding:.6em;overflow-x:auto}}li{{margin:.2em 0;overflow-wrap:anywhere}}</style>\
         </head><body>\n",
        html_escape(title)
    );
    let mut first = true;
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let tag = if first { "h1" } else { "h2" };
                first = false;
                s.push_str(&format!("<{tag}>{}</{tag}>\n", html_escape(h)));
            }
            Block::Para(p) => s.push_str(&format!("<p>{}</p>\n", html_escape(p))),
            Block::Items(items) => {
                s.push_str("<ul>\n");
                for i in items {
                    s.push_str(&format!("<li>{}</li>\n", html_escape(i)));
                }
                s.push_str("</ul>\n");
            }
            Block::Code(c) => s.push_str(&format!("<pre>{}</pre>\n", html_escape(c))),
        }
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_inert_for_hostile_text() {
        let html = render_html(&[
            Block::Heading("<script>alert(1)</script>".into()),
            Block::Items(vec!["\"onmouseover=x' & <img src=x>".into()]),
        ]);
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&quot;onmouseover=x&#39; &amp; &lt;img src=x&gt;"));
    }
}
