//! kroniek's web server: a JSON API under `/api/v1` (described by the OpenAPI
//! document at `/api/v1/openapi.json`) and server-rendered pages over a store.
//!
//! Everything the browser needs is compiled into the binary (no CDN); pages
//! run under a strict Content-Security-Policy with their only script at
//! `/assets/app.js`. Store queries run on blocking threads, each with its own
//! SQLite connection from a small pool; timelines, networks and the heavier
//! pages are cached in memory until the store changes.
#![forbid(unsafe_code)]

pub mod api;
mod assets;
pub mod cache;
mod charts;
pub mod error;
mod html;
mod pages;
pub mod params;
pub mod pool;
pub mod queries;
pub mod security;
pub mod views;

use std::net::SocketAddr;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use kroniek_store::SqliteStore;

use crate::cache::{Cached, ResponseCache, fingerprint};
use crate::error::{ApiError, PageError};
use crate::pool::StorePool;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The store folder (the one holding `kroniek.db`).
    pub store: PathBuf,
    pub addr: SocketAddr,
    /// When set, every request needs `Authorization: Bearer <token>` (or the cookie).
    pub token: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("no kroniek store at {path} (create one with `kroniek ingest` first)")]
    NoStore { path: String },
    #[error("cannot open the store: {0}")]
    Store(#[from] kroniek_store::StoreError),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub struct Shared {
    pub pool: Arc<StorePool>,
    pub cache: ResponseCache,
    pub token: Option<String>,
}

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Opens the store in `dir` (which must already hold a store).
    pub fn open(dir: &Path, token: Option<String>) -> Result<Self, ServerError> {
        if !dir.join("kroniek.db").is_file() {
            return Err(ServerError::NoStore {
                path: dir.display().to_string(),
            });
        }
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(AppState(Arc::new(Shared {
            pool: Arc::new(StorePool::open(dir, workers * 4)?),
            cache: ResponseCache::new(1024),
            token: token.filter(|t| !t.is_empty()),
        })))
    }

    /// Runs `work` on a blocking thread with a store.
    pub async fn query<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    {
        self.pool.run(work).await
    }

    /// The response for `key`, computed by `compute` unless cached for the
    /// store as it is now.
    pub async fn cached<F>(
        &self,
        key: String,
        content_type: &'static str,
        compute: F,
    ) -> Result<Response, ApiError>
    where
        F: FnOnce(&SqliteStore) -> Result<Vec<u8>, ApiError> + Send + 'static,
    {
        let state = self.clone();
        let cached = self
            .query(move |store| {
                let now = fingerprint(store)?;
                if let Some(hit) = state.cache.get(&key, now) {
                    return Ok(hit);
                }
                let fresh = Cached {
                    content_type,
                    body: Arc::from(compute(store)?),
                };
                state.cache.put(key, now, fresh.clone());
                Ok(fresh)
            })
            .await?;
        Ok((
            [(header::CONTENT_TYPE, cached.content_type)],
            axum::body::Bytes::from_owner(cached.body),
        )
            .into_response())
    }
}

/// The whole application: API, pages, assets, security headers and the token check.
pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", api::routes())
        .merge(pages::routes())
        .merge(assets::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::require_token,
        ))
        .layer(axum::middleware::from_fn(security::security_headers))
        .with_state(state)
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("no API endpoint at {}", uri.path())).into_response()
    } else {
        PageError(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("There is no page at {}.", uri.path()),
        })
        .into_response()
    }
}

/// Whether serving on `addr` without a token exposes the store to other machines.
pub fn is_exposed(addr: &SocketAddr, token: Option<&str>) -> bool {
    !addr.ip().is_loopback() && token.is_none_or(str::is_empty)
}

/// Serves until Ctrl-C. `ready` is called with the bound address once the
/// server accepts connections (port 0 picks a free port).
pub async fn serve(
    config: ServerConfig,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let state = AppState::open(&config.store, config.token.clone())?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServerError::Bind {
            addr: config.addr,
            reason: e.to_string(),
        })?;
    ready(listener.local_addr()?);
    tokio::spawn(keep_warm(state.clone()));
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// How often the server looks for store changes to render the overview anew.
const WARM_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Keeps the overview page (corpus-wide counts: the slowest page to render
/// on a large store) rendered for the store as it is now: once at start,
/// then after each change (the cache's fingerprint query every few seconds).
async fn keep_warm(state: AppState) {
    loop {
        if let Err(e) = pages::warm_overview(&state).await {
            eprintln!(
                "warning: could not render the overview in advance: {}",
                e.message
            );
        }
        tokio::time::sleep(WARM_EVERY).await;
    }
}

/// [`serve`] on a runtime of its own, for callers without one (the CLI).
pub fn serve_blocking(
    config: ServerConfig,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(config, ready))
}
