//! Page frame and small helpers shared by the pages. maud escapes every
//! interpolated string, so corpus text can never become markup; the only
//! pre-escaped fragments are SVG charts built by this crate from escaped parts.
use axum::response::Html;
use maud::{DOCTYPE, Markup, html};

/// Bumped whenever an asset changes so that browsers fetch the new one.
pub const ASSET_VERSION: &str = "3";

pub fn layout(title: &str, body: Markup) -> Html<String> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · kroniek" }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href={ "/assets/app.css?v=" (ASSET_VERSION) };
                script src={ "/assets/app.js?v=" (ASSET_VERSION) } defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "kroniek" }
                    nav {
                        a href="/" { "Overview" }
                        a href="/network" { "Network" }
                        a href="/search" { "Search" }
                        a href="/api/v1/openapi.json" { "API" }
                    }
                    form.quick action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search the corpus" aria-label="Search the corpus";
                    }
                }
                main { (body) }
            }
        }
    };
    Html(page.into_string())
}

/// Escapes text for use inside SVG/XML built by hand.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes one path segment or query value.
pub fn url_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn doc_href(doc: &str, sentence: Option<u32>) -> String {
    match sentence {
        Some(s) => format!("/doc/{}#s{s}", url_part(doc)),
        None => format!("/doc/{}", url_part(doc)),
    }
}

pub fn actor_href(id: &str) -> String {
    format!("/actor/{}", url_part(id))
}

pub fn dyad_href(a: &str, b: &str) -> String {
    format!("/dyad/{}/{}", url_part(a), url_part(b))
}

/// A short label for an event actor: code, else name, else the words.
pub fn actor_label(actor: Option<&kroniek_model::EventActor>) -> String {
    match actor {
        Some(a) => a
            .country
            .clone()
            .or_else(|| a.id.clone())
            .or_else(|| a.name.clone())
            .unwrap_or_else(|| a.text.clone()),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#""><img src=x onerror='a'>&"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }

    #[test]
    fn url_parts_keep_only_unreserved_bytes() {
        assert_eq!(url_part("person:putin"), "person%3Aputin");
        assert_eq!(url_part("a/b c"), "a%2Fb%20c");
        assert_eq!(url_part("Zoë"), "Zo%C3%AB");
    }
}
