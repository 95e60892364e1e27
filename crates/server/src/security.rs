//! Security headers on every response and the optional bearer token.
//!
//! With a token set, every request (pages, assets and API alike) needs
//! `Authorization: Bearer <token>` or the `kroniek_token` cookie. For use in a
//! browser, `GET /any/page?token=<token>` answers with a redirect to the same
//! URL without the token that sets the cookie (HttpOnly, SameSite=Strict), so
//! the token does not stay in the address bar or the history.
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::{ApiError, PageError};

pub const COOKIE_NAME: &str = "kroniek_token";

/// No inline script or style anywhere: scripts and styles come from /assets.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, value);
    }
    response
}

pub async fn require_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = state.token.as_deref() else {
        return next.run(req).await;
    };
    if bearer_matches(req.headers(), token) || cookie_matches(req.headers(), token) {
        return next.run(req).await;
    }
    let is_api = req.uri().path().starts_with("/api/");
    if req.method() == Method::GET
        && let Some((given, rest)) = split_token_param(req.uri().query())
        && same_secret(&given, token)
    {
        let location = match rest {
            Some(query) => format!("{}?{query}", req.uri().path()),
            None => req.uri().path().to_string(),
        };
        let cookie = format!("{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/");
        let mut response = (StatusCode::SEE_OTHER, "").into_response();
        if let (Ok(loc), Ok(cookie)) = (
            HeaderValue::from_str(&location),
            HeaderValue::from_str(&cookie),
        ) {
            response.headers_mut().insert(header::LOCATION, loc);
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            return response;
        }
    }
    let mut response = if is_api {
        ApiError::unauthorized().into_response()
    } else {
        PageError(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "This kroniek server needs its token: open this page once with \
                      ?token=<token> added to the address."
                .into(),
        })
        .into_response()
    };
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"kroniek\""),
    );
    response
}

fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix("Bearer "))
        .any(|given| same_secret(given.trim(), token))
}

fn cookie_matches(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE_NAME && same_secret(value, token))
}

/// The decoded `token` parameter and the rest of the query, if any.
fn split_token_param(query: Option<&str>) -> Option<(String, Option<String>)> {
    let query = query?;
    let mut token = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("token", value)) => token = Some(percent_decode(value)),
            _ if !pair.is_empty() => rest.push(pair),
            _ => {}
        }
    }
    let rest = (!rest.is_empty()).then(|| rest.join("&"));
    token.map(|t| (t, rest))
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Compares without stopping at the first difference, so response times do
/// not tell how much of a guessed token was right.
fn same_secret(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut diff = (a.len() != b.len()) as u8;
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0xff);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("abcd", "abc"));
        assert!(!same_secret("", "abc"));
    }

    #[test]
    fn token_parameter_is_split_from_the_rest() {
        assert_eq!(
            split_token_param(Some("a=1&token=s%20t&b=2")),
            Some(("s t".into(), Some("a=1&b=2".into())))
        );
        assert_eq!(split_token_param(Some("token=x")), Some(("x".into(), None)));
        assert_eq!(split_token_param(Some("a=1")), None);
    }
}
