//! Extractors whose rejections are our own 400s (JSON for the API, HTML for
//! pages), and validation of the values the API accepts.
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, PageError};

pub const DEFAULT_LIMIT: usize = 50;
/// The most items one API page returns; larger `limit`s are cut to this.
pub const MAX_LIMIT: usize = 500;
/// Deeper offsets are refused: SQLite reads every skipped row, so a page a
/// million rows deep takes seconds; narrow such queries by date instead.
pub const MAX_OFFSET: usize = 100_000;

/// Query parameters; a malformed query string is a 400 with a JSON body.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        if let Some(query) = parts.uri.query()
            && !decodes_to_utf8(query)
        {
            return Err(ApiError::bad_request(
                "the query string is not valid UTF-8 once percent-decoded",
            ));
        }
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(value)| Params(value))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Whether every `%XX`-decoded value of a query string is UTF-8 (the form
/// decoder would otherwise replace bad bytes with U+FFFD silently, while
/// path segments with the same bytes are refused).
fn decodes_to_utf8(query: &str) -> bool {
    let hex = |b: u8| (b as char).to_digit(16);
    query.split(['&', '=']).all(|part| {
        let bytes = part.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let escaped = (bytes[i] == b'%')
                .then(|| Some(hex(*bytes.get(i + 1)?)? * 16 + hex(*bytes.get(i + 2)?)?))
                .flatten();
            match escaped {
                Some(byte) => {
                    decoded.push(byte as u8);
                    i += 3;
                }
                None => {
                    decoded.push(bytes[i]);
                    i += 1;
                }
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

/// Path segments; undecodable ones are a 400 with a JSON body.
pub struct Segments<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Segments<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| Segments(value))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Query parameters of a page; errors become an HTML 400 page.
pub struct PageParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageParams<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        Params::<T>::from_request_parts(parts, state)
            .await
            .map(|Params(value)| PageParams(value))
            .map_err(PageError)
    }
}

/// Path segments of a page; errors become an HTML 400 page.
pub struct PageSegments<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PageSegments<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        Segments::<T>::from_request_parts(parts, state)
            .await
            .map(|Segments(value)| PageSegments(value))
            .map_err(PageError)
    }
}

/// Treats an empty form field like an absent one.
pub fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

pub fn limit(value: &Option<String>) -> Result<usize, ApiError> {
    match present(value) {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => match text.parse::<usize>() {
            Ok(0) => Err(ApiError::bad_request("limit must be at least 1")),
            Ok(n) => Ok(n.min(MAX_LIMIT)),
            Err(_) => Err(ApiError::bad_request(format!(
                "limit must be a whole number, not {text:?}"
            ))),
        },
    }
}

pub fn offset(value: &Option<String>) -> Result<usize, ApiError> {
    match present(value) {
        None => Ok(0),
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n <= MAX_OFFSET => Ok(n),
            Ok(_) => Err(ApiError::bad_request(format!(
                "offset must be at most {MAX_OFFSET}: narrow the query with from/to instead"
            ))),
            Err(_) => Err(ApiError::bad_request(format!(
                "offset must be a whole number, not {text:?}"
            ))),
        },
    }
}

pub fn flag(name: &str, value: &Option<String>) -> Result<bool, ApiError> {
    match present(value) {
        None => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name} must be true or false, not {other:?}"
        ))),
    }
}

/// A date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date.
pub fn date(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(text) = present(value) else {
        return Ok(None);
    };
    let valid = match text.len() {
        4 => text.bytes().all(|b| b.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if valid {
        Ok(Some(text.to_string()))
    } else {
        Err(ApiError::bad_request(format!(
            "{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {text:?}"
        )))
    }
}

pub fn category(value: &Option<String>) -> Result<Option<kroniek_model::Category>, ApiError> {
    match present(value) {
        None => Ok(None),
        Some(text) => kroniek_model::Category::parse(text).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!(
                "category must be one of the 16 PLOVER categories (AGREE, CONSULT, ...), not {text:?}"
            ))
        }),
    }
}

/// An actor id or code as given in a path or query: bounded, no control characters.
pub fn actor(name: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.len() > 200 || value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{name} must be an actor id or code (1 to 200 printable characters)"
        )));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn limits_are_capped_and_checked() {
        assert_eq!(limit(&None), Ok(DEFAULT_LIMIT));
        assert_eq!(limit(&some("7")), Ok(7));
        assert_eq!(limit(&some("100000")), Ok(MAX_LIMIT));
        assert!(limit(&some("0")).is_err());
        assert!(limit(&some("-3")).is_err());
        assert!(limit(&some("ten")).is_err());
    }

    #[test]
    fn dates_must_be_calendar_dates() {
        assert_eq!(date("from", &some("2021")), Ok(Some("2021".into())));
        assert_eq!(date("from", &some("2021-02")), Ok(Some("2021-02".into())));
        assert_eq!(
            date("from", &some("2024-02-29")),
            Ok(Some("2024-02-29".into()))
        );
        assert!(date("from", &some("2023-02-29")).is_err());
        assert!(date("from", &some("2021-13")).is_err());
        assert!(date("from", &some("yesterday")).is_err());
        assert_eq!(date("from", &some("  ")), Ok(None));
    }

    #[test]
    fn query_strings_must_decode_to_utf8() {
        assert!(decodes_to_utf8("q=caf%C3%A9+en+thee&lang=nl"));
        assert!(decodes_to_utf8("q=100%&x=%zz%4"));
        assert!(decodes_to_utf8("q=café"));
        assert!(!decodes_to_utf8("q=%C3%28"));
        assert!(!decodes_to_utf8("q=%E2%82"));
        assert!(!decodes_to_utf8("actor=%F0%9F%98&limit=5"));
        assert!(!decodes_to_utf8("%FF=1"));
    }

    #[test]
    fn flags_accept_common_spellings() {
        assert_eq!(flag("directed", &some("true")), Ok(true));
        assert_eq!(flag("directed", &some("0")), Ok(false));
        assert!(flag("directed", &some("maybe")).is_err());
    }
}
