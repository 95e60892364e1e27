//! Pages, escaping, security headers and the token, in-process.
#![allow(clippy::unwrap_used)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::*;

const PAGES: [&str; 8] = [
    "/",
    "/dyad/FRA/DEU",
    "/dyad/FRA/DEU?by=month&directed=true",
    "/actor/FRA",
    "/network",
    "/network?from=2019&to=2022-12-31",
    "/search?q=verdrag&actor=FRA",
    "/doc/markup-test",
];

#[tokio::test]
async fn every_page_renders_as_html() {
    let server = TestServer::new(None);
    for uri in PAGES {
        let (status, headers, body) = server.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        assert!(body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(body.contains("/assets/app.js"), "{uri}");
    }
}

#[tokio::test]
async fn corpus_text_is_escaped_everywhere() {
    let server = TestServer::new(None);
    for uri in [
        "/",
        "/dyad/FRA/DEU",
        "/doc/markup-test",
        "/search?q=veroordeelde",
        "/search?actor=FRA",
    ] {
        let (status, _, body) = server.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            !body.contains(XSS_SCRIPT),
            "{uri} lets a script tag through"
        );
        assert!(!body.contains("<img"), "{uri} lets an img tag through");
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{uri} does not show the text escaped"
        );
    }
    // Reflected input is escaped too.
    let (status, _, body) = server
        .get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(XSS_SCRIPT));
    let (_, _, body) = server.get("/doc/%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!body.contains(XSS_SCRIPT));
}

#[tokio::test]
async fn document_page_marks_mentions_triggers_and_dates() {
    let server = TestServer::new(None);
    let (_, _, body) = server.get("/doc/energie-2019").await;
    assert!(body.contains(r#"<span class="s" id="s0">"#));
    assert!(body.contains(r#"<span class="s" id="s2">"#));
    assert!(body.contains(r#"href="/actor/DEU""#));
    assert!(body.contains(r#"<mark class="trigger" data-event="energie-2019-e0""#));
    assert!(body.contains(r#"<mark class="timex""#));
    // Each event links back to its sentence.
    assert!(body.contains(r##"href="/doc/energie-2019#s1""##));
    let (status, _, _) = server.get("/doc/not-stored").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn dyad_page_marks_periods_and_lists_their_evidence() {
    let server = TestServer::new(None);
    let (_, _, body) = server.get("/dyad/FRA/DEU").await;
    assert!(body.contains(r#"data-period="2019""#));
    assert!(body.contains(r#"data-period="2022""#));
    assert!(body.contains(r#"<section class="period" id="p-2022" data-period="2022">"#));
    assert!(body.contains(r#"<details class="event" id="ev-ruzie-2022-e0""#));
    assert!(body.contains(r#"<blockquote class="evidence">In 2022 <mark class="trigger">beschuldigde</mark> Duitsland"#));
    let (status, _, _) = server.get("/dyad/FRA/DEU?by=fortnight").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_pages_and_actors_are_404_pages() {
    let server = TestServer::new(None);
    for uri in ["/nowhere", "/actor/ATLANTIS", "/doc/missing"] {
        let (status, headers, body) = server.get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(body.contains("404"));
    }
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let server = TestServer::new(None);
    for uri in [
        "/",
        "/api/v1/stats",
        "/assets/app.js",
        "/nowhere",
        "/api/v1/events?limit=0",
    ] {
        let (_, headers, _) = server.get(uri).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    }
}

#[tokio::test]
async fn pages_carry_no_inline_script_or_style() {
    let server = TestServer::new(None);
    for uri in PAGES {
        let (_, _, body) = server.get(uri).await;
        assert!(!body.contains("<script>"), "{uri} has an inline script");
        assert!(!body.contains(" style="), "{uri} has an inline style");
        assert!(!body.contains("<style"), "{uri} has a style element");
        assert!(!body.contains(" onclick="), "{uri} has an inline handler");
    }
}

#[tokio::test]
async fn assets_are_served_from_the_binary() {
    let server = TestServer::new(None);
    let (status, headers, body) = server.get("/assets/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(body.contains("details.event"));
    let (_, headers, _) = server.get("/assets/app.js").await;
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
}

async fn status_with(server: &TestServer, uri: &str, name: &str, value: &str) -> StatusCode {
    let request = Request::get(uri)
        .header(name, value)
        .body(Body::empty())
        .unwrap();
    server.send(request).await.status()
}

#[tokio::test]
async fn a_token_guards_api_pages_and_assets() {
    let server = TestServer::new(Some("s3cret-token"));
    for uri in ["/api/v1/stats", "/", "/assets/app.css", "/doc/energie-2019"] {
        let (status, headers, _) = server.get(uri).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(headers.contains_key(header::WWW_AUTHENTICATE));
        assert_eq!(
            status_with(&server, uri, "authorization", "Bearer s3cret-token").await,
            StatusCode::OK,
            "{uri}"
        );
        assert_eq!(
            status_with(&server, uri, "authorization", "Bearer s3cret-tokeN").await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            status_with(
                &server,
                uri,
                "cookie",
                "other=1; kroniek_token=s3cret-token"
            )
            .await,
            StatusCode::OK
        );
    }
    let (status, body) = server.json("/api/v1/stats").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn a_token_in_the_address_becomes_a_cookie() {
    let server = TestServer::new(Some("s3cret-token"));
    let (status, headers, _) = server.get("/dyad/FRA/DEU?by=year&token=s3cret-token").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/dyad/FRA/DEU?by=year");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("kroniek_token=s3cret-token;"));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let (status, _, _) = server.get("/?token=wrong").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[test]
fn only_open_non_loopback_addresses_are_exposed() {
    use kroniek_server::is_exposed;
    let local = "127.0.0.1:8472".parse().unwrap();
    let public = "0.0.0.0:8472".parse().unwrap();
    assert!(!is_exposed(&local, None));
    assert!(is_exposed(&public, None));
    assert!(is_exposed(&public, Some("")));
    assert!(!is_exposed(&public, Some("t")));
}
