//! The JSON API under `/api/v1`. Every handler carries its OpenAPI
//! description, and `/api/v1/openapi.json` is generated from them.
pub mod types;

use axum::Json;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use kroniek_store::{DocFilter, EventFilter, Store};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::params::{self, Params, Segments, present};
use crate::views::{self, TimelineRequest};
use types::*;

const JSON: &str = "application/json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kroniek API",
        description = "Documents, actors and coded PLOVER events of a kroniek store. \
            Errors are JSON `{\"status\": 400, \"error\": \"...\"}`. When the server runs \
            with a token, send `Authorization: Bearer <token>`."
    ),
    paths(
        stats, documents, document, actors, actor, events, timeline, network, search, openapi
    ),
    components(schemas(ErrorBody)),
    tags((name = "kroniek"))
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stats", get(stats))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/actors", get(actors))
        .route("/actors/{id}", get(actor))
        .route("/events", get(events))
        .route("/timeline", get(timeline))
        .route("/network", get(network))
        .route("/search", get(search))
        .route("/openapi.json", get(openapi))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal(format!("cannot write JSON: {e}")))
}

/// What the store holds.
#[utoipa::path(get, path = "/api/v1/stats", responses(
    (status = 200, body = Stats)
))]
async fn stats(state: axum::extract::State<AppState>) -> Result<Response, ApiError> {
    // Counting sums over every document: worth keeping until the store changes.
    state
        .cached("api:stats".into(), JSON, |store| {
            to_json(&Stats::from(store.stats()?))
        })
        .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentsQuery {
    /// Items per page (default 50, at most 500).
    limit: Option<String>,
    /// Items to skip.
    offset: Option<String>,
    /// Only documents in this language (ISO 639-1).
    lang: Option<String>,
}

/// The stored documents, by id.
#[utoipa::path(get, path = "/api/v1/documents", params(DocumentsQuery), responses(
    (status = 200, body = DocumentList),
    (status = 400, body = ErrorBody)
))]
async fn documents(
    state: axum::extract::State<AppState>,
    Params(q): Params<DocumentsQuery>,
) -> Result<Json<DocumentList>, ApiError> {
    let limit = params::limit(&q.limit)?;
    let offset = params::offset(&q.offset)?;
    let lang = present(&q.lang).map(String::from);
    let list = state
        .query(move |store| {
            let total = crate::queries::count_documents(store, lang.as_deref())?;
            let items = store.documents(&DocFilter {
                limit: Some(limit),
                offset,
                language: lang,
            })?;
            Ok(DocumentList {
                total,
                limit,
                offset,
                items: items.into_iter().map(DocumentItem::from).collect(),
            })
        })
        .await?;
    Ok(Json(list))
}

/// One document: cleaned text, sentences, mentions, time expressions and events.
#[utoipa::path(get, path = "/api/v1/documents/{id}",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, body = DocumentView), (status = 404, body = ErrorBody))
)]
async fn document(
    state: axum::extract::State<AppState>,
    Segments(id): Segments<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let shown = id.clone();
    let doc = state.query(move |store| Ok(store.document(&id)?)).await?;
    match doc {
        Some(doc) => Ok(Json(DocumentView::new(&doc))),
        None => Err(ApiError::not_found(format!(
            "no document with id {shown:?}"
        ))),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page (default 50, at most 500).
    limit: Option<String>,
    /// Items to skip.
    offset: Option<String>,
}

/// Actors linked in the corpus, most mentioned first.
#[utoipa::path(get, path = "/api/v1/actors", params(PageQuery), responses(
    (status = 200, body = ActorList),
    (status = 400, body = ErrorBody)
))]
async fn actors(
    state: axum::extract::State<AppState>,
    Params(q): Params<PageQuery>,
) -> Result<Json<ActorList>, ApiError> {
    let limit = params::limit(&q.limit)?;
    let offset = params::offset(&q.offset)?;
    let all = state.query(|store| Ok(store.actor_counts()?)).await?;
    Ok(Json(ActorList {
        total: all.len() as u64,
        limit,
        offset,
        items: all
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(ActorItem::from)
            .collect(),
    }))
}

/// One actor: names, sectors, offices and its counterparts year by year.
#[utoipa::path(get, path = "/api/v1/actors/{id}",
    params(("id" = String, Path, description = "Actor id or code (`RUS`, `person:putin`)")),
    responses((status = 200, body = ActorView), (status = 404, body = ErrorBody))
)]
async fn actor(
    state: axum::extract::State<AppState>,
    Segments(id): Segments<String>,
) -> Result<Response, ApiError> {
    let id = params::actor("id", &id)?;
    let key = format!("api:actor\u{1f}{id}");
    let shown = id.clone();
    state
        .cached(key, JSON, move |store| match views::actor(store, &id)? {
            Some(view) => to_json(&view),
            None => Err(ApiError::not_found(format!(
                "no actor {shown:?} in this store"
            ))),
        })
        .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Actor id or code, as source or target.
    actor: Option<String>,
    /// With `b`: events between actors `a` and `b`.
    a: Option<String>,
    b: Option<String>,
    /// Only events from `a` to `b` (default: both directions).
    directed: Option<String>,
    /// PLOVER category (AGREE, ..., ASSAULT).
    category: Option<String>,
    /// Inclusive lower bound on the event date (YYYY, YYYY-MM or YYYY-MM-DD).
    from: Option<String>,
    /// Inclusive upper bound on the event date.
    to: Option<String>,
    /// Only events of this document.
    doc: Option<String>,
    /// Include negated events (default false).
    include_negated: Option<String>,
    /// Items per page (default 50, at most 500).
    limit: Option<String>,
    /// Items to skip.
    offset: Option<String>,
}

impl EventsQuery {
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let dyad = match (present(&self.a), present(&self.b)) {
            (Some(a), Some(b)) => Some((params::actor("a", a)?, params::actor("b", b)?)),
            (None, None) => None,
            _ => return Err(ApiError::bad_request("a and b must be given together")),
        };
        Ok(EventFilter {
            actor: present(&self.actor)
                .map(|a| params::actor("actor", a))
                .transpose()?,
            dyad,
            directed: params::flag("directed", &self.directed)?,
            category: params::category(&self.category)?.map(|c| c.as_str().to_string()),
            from: params::date("from", &self.from)?,
            to: params::date("to", &self.to)?,
            doc: present(&self.doc).map(String::from),
            include_negated: params::flag("include_negated", &self.include_negated)?,
            limit: Some(params::limit(&self.limit)?),
            offset: params::offset(&self.offset)?,
        })
    }
}

/// Coded events, oldest first, filtered like the store's event queries.
#[utoipa::path(get, path = "/api/v1/events", params(EventsQuery), responses(
    (status = 200, body = EventList),
    (status = 400, body = ErrorBody)
))]
async fn events(
    state: axum::extract::State<AppState>,
    Params(q): Params<EventsQuery>,
) -> Result<Json<EventList>, ApiError> {
    let filter = q.filter()?;
    let (limit, offset) = (filter.limit.unwrap_or(params::DEFAULT_LIMIT), filter.offset);
    let found = state
        .query(move |store| crate::queries::events(store, &filter))
        .await?;
    Ok(Json(EventList {
        limit,
        offset,
        items: found.iter().map(EventView::from).collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineQuery {
    /// First actor (id or code), required.
    a: Option<String>,
    /// Second actor (id or code), required.
    b: Option<String>,
    /// Period length: week, month, quarter or year (default year).
    by: Option<String>,
    /// Only events from `a` to `b` (default: both directions).
    directed: Option<String>,
    /// Inclusive lower bound on event dates.
    from: Option<String>,
    /// Inclusive upper bound on event dates.
    to: Option<String>,
}

/// The relation between two actors period by period, with its shifts.
#[utoipa::path(get, path = "/api/v1/timeline", params(TimelineQuery), responses(
    (status = 200, body = TimelineView),
    (status = 400, body = ErrorBody)
))]
async fn timeline(
    state: axum::extract::State<AppState>,
    Params(q): Params<TimelineQuery>,
) -> Result<Response, ApiError> {
    let (Some(a), Some(b)) = (present(&q.a), present(&q.b)) else {
        return Err(ApiError::bad_request(
            "a and b (two actor ids or codes) are required",
        ));
    };
    let request = TimelineRequest::parse(a, b, &q.by, &q.directed, &q.from, &q.to)?;
    let key = format!("api:timeline\u{1f}{}", request.key());
    state
        .cached(key, JSON, move |store| {
            let (timeline, _) = request.compute(store)?;
            to_json(&TimelineView::from(&timeline))
        })
        .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NetworkQuery {
    /// Inclusive lower bound on event dates.
    from: Option<String>,
    /// Inclusive upper bound on event dates.
    to: Option<String>,
}

/// The country-level actor network of dated, non-negated events.
#[utoipa::path(get, path = "/api/v1/network", params(NetworkQuery), responses(
    (status = 200, body = NetworkView),
    (status = 400, body = ErrorBody)
))]
async fn network(
    state: axum::extract::State<AppState>,
    Params(q): Params<NetworkQuery>,
) -> Result<Response, ApiError> {
    let from = params::date("from", &q.from)?;
    let to = params::date("to", &q.to)?;
    let key = format!(
        "api:network\u{1f}{}\u{1f}{}",
        from.as_deref().unwrap_or(""),
        to.as_deref().unwrap_or("")
    );
    state
        .cached(key, JSON, move |store| {
            let net = views::network(store, from.as_deref(), to.as_deref())?;
            to_json(&NetworkView::from(&net))
        })
        .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words (all must occur), "quoted phrases", `-word` to exclude, `OR`
    /// between alternatives; Dutch plural and singular forms match. Required.
    q: Option<String>,
    /// Only documents dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).
    from: Option<String>,
    /// Only documents dated on or before this.
    to: Option<String>,
    /// Only sentences that mention this actor (id or code).
    actor: Option<String>,
    /// Only documents in this language (ISO 639-1).
    lang: Option<String>,
    /// Hits per page (default 50, at most 500).
    limit: Option<String>,
    /// Hits to skip.
    offset: Option<String>,
}

/// The longest query accepted, in bytes.
pub const MAX_QUERY: usize = 500;

/// Checks the search form; `None` when no words were given.
pub fn search_query(
    q: &Option<String>,
    from: &Option<String>,
    to: &Option<String>,
    actor: &Option<String>,
    lang: &Option<String>,
    limit: usize,
    offset: usize,
) -> Result<Option<kroniek_store::SearchQuery>, ApiError> {
    let Some(words) = present(q) else {
        return Ok(None);
    };
    if words.len() > MAX_QUERY {
        return Err(ApiError::bad_request(format!(
            "q must be at most {MAX_QUERY} bytes"
        )));
    }
    Ok(Some(kroniek_store::SearchQuery {
        query: words.to_string(),
        from: params::date("from", from)?,
        to: params::date("to", to)?,
        actor: present(actor)
            .map(|a| params::actor("actor", a))
            .transpose()?,
        language: present(lang).map(String::from),
        limit,
        offset,
    }))
}

/// Sentences that match the query, best first.
#[utoipa::path(get, path = "/api/v1/search", params(SearchQuery), responses(
    (status = 200, body = SearchResults),
    (status = 400, body = ErrorBody)
))]
async fn search(
    state: axum::extract::State<AppState>,
    Params(q): Params<SearchQuery>,
) -> Result<Response, ApiError> {
    let limit = params::limit(&q.limit)?;
    let offset = params::offset(&q.offset)?;
    let Some(query) = search_query(&q.q, &q.from, &q.to, &q.actor, &q.lang, limit, offset)? else {
        return Err(ApiError::bad_request("q (the words to find) is required"));
    };
    let key = format!("api:search\u{1f}{query:?}");
    state
        .cached(key, JSON, move |store| {
            let hits = store.search(&query)?;
            to_json(&SearchResults {
                query: query.query,
                limit,
                offset,
                hits: hits.into_iter().map(SearchHitView::from).collect(),
            })
        })
        .await
}

/// This document: the OpenAPI 3 description of the API.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses(
    (status = 200, description = "OpenAPI 3 document", content_type = "application/json")
))]
async fn openapi() -> Response {
    use axum::response::IntoResponse;
    match ApiDoc::openapi().to_pretty_json() {
        Ok(text) => ([(axum::http::header::CONTENT_TYPE, JSON)], text).into_response(),
        Err(e) => {
            ApiError::internal(format!("cannot write the OpenAPI document: {e}")).into_response()
        }
    }
}
