use scraper::{ElementRef, Html, Node, Selector};

/// The article found in an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    /// Paragraphs separated by blank lines; the title is not repeated here.
    pub text: String,
}

/// Elements whose whole subtree is page furniture, never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "object",
    "embed",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "body",
];

/// Extract title, metadata and the article body from an HTML page: the
/// `<article>` (else `<main>`, else `<body>`) without scripts, navigation,
/// headers, footers, asides, forms and figures.
pub fn extract_html(source: &str) -> HtmlArticle {
    let page = Html::parse_document(source);
    let mut article = HtmlArticle {
        title: meta(&page, "meta[property='og:title']")
            .or_else(|| first_text(&page, "title"))
            .or_else(|| first_text(&page, "h1")),
        date: meta(&page, "meta[property='article:published_time']")
            .or_else(|| meta(&page, "meta[name='date']"))
            .or_else(|| meta(&page, "meta[itemprop='datePublished']"))
            .or_else(|| meta(&page, "meta[name='pubdate']"))
            .or_else(|| attr(&page, "time[datetime]", "datetime")),
        url: attr(&page, "link[rel='canonical']", "href")
            .or_else(|| meta(&page, "meta[property='og:url']")),
        source: meta(&page, "meta[property='og:site_name']"),
        language: attr(&page, "html[lang]", "lang"),
        text: String::new(),
    };
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| page.select(&s).next())
        .unwrap_or_else(|| page.root_element());
    article.text = body_text(root);
    // A title repeated as the first heading of the body stays in the body only once.
    if let Some(title) = &article.title
        && !article.text.starts_with(title.as_str())
    {
        article.text = format!("{title}\n\n{}", article.text);
    }
    article
}

fn body_text(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            ego_tree_edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) || is_hidden(el) {
                        skip_depth += 1;
                    } else if BLOCKS.contains(&name) {
                        paragraph_break(&mut out);
                    }
                }
                Node::Text(text) if skip_depth == 0 => push_collapsed(&mut out, text),
                _ => {}
            },
            ego_tree_edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        paragraph_break(&mut out);
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

use scraper::node::Element;
mod ego_tree_edge {
    pub use ego_tree::iter::Edge::{Close, Open};
}

fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true")
}

fn paragraph_break(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\n']).len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
}

fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let starts_with_space = i > 0 || text.starts_with(char::is_whitespace);
        if starts_with_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn meta(page: &Html, selector: &str) -> Option<String> {
    attr(page, selector, "content")
}

fn attr(page: &Html, selector: &str, name: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    page.select(&selector)
        .find_map(|el| el.value().attr(name))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn first_text(page: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    page.select(&selector)
        .next()
        .map(|el| el.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_drops_furniture() {
        let page = r#"<!doctype html><html lang="nl"><head><title>Ministers overleggen in Wenen</title>
            <meta property="article:published_time" content="2021-06-14T08:00:00Z">
            <link rel="canonical" href="https://voorbeeld.nl/artikel/1">
            <script>var x = "<p>geen tekst</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/b">Buitenland</a></nav>
            <article><h1>Ministers overleggen in Wenen</h1>
            <p>De ministers van Buitenlandse Zaken kwamen maandag bijeen.</p>
            <figure><img src="x.jpg"><figcaption>Foto ANP</figcaption></figure>
            <p>Ze spraken over <b>de</b> sancties &amp; de grens.</p>
            <script>track()</script></article>
            <footer>© Krant</footer></body></html>"#;
        let a = extract_html(page);
        assert_eq!(a.title.as_deref(), Some("Ministers overleggen in Wenen"));
        assert_eq!(a.date.as_deref(), Some("2021-06-14T08:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://voorbeeld.nl/artikel/1"));
        assert_eq!(a.language.as_deref(), Some("nl"));
        assert_eq!(
            a.text,
            "Ministers overleggen in Wenen\n\nDe ministers van Buitenlandse Zaken kwamen maandag bijeen.\n\nZe spraken over de sancties & de grens."
        );
    }

    #[test]
    fn deeply_nested_html_does_not_overflow() {
        let depth = 20_000;
        let page = format!(
            "{}<p>Diep verstopt.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let a = extract_html(&page);
        assert!(a.text.contains("Diep verstopt."));
    }
}
