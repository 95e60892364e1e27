//! `kroniek serve`: the JSON API and the pages over a store.
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use clap::Args;
use kroniek_server::{ServerConfig, is_exposed, serve_blocking};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8472")]
    pub addr: SocketAddr,
    /// Require `Authorization: Bearer TOKEN` on every request (browsers: open
    /// any page once with `?token=TOKEN`, which sets a cookie).
    #[arg(long, env = "KRONIEK_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(store: &Path, args: ServeArgs) -> Result<u8> {
    let token = args.token.filter(|t| !t.is_empty());
    if is_exposed(&args.addr, token.as_deref()) {
        eprintln!(
            "warning: serving on {} without a token: anyone who can reach this address can read the store; \
             set --token or KRONIEK_TOKEN",
            args.addr
        );
    }
    let config = ServerConfig {
        store: store.to_path_buf(),
        addr: args.addr,
        token,
    };
    let shown = store.display().to_string();
    serve_blocking(config, |addr| {
        println!("kroniek: serving {shown} at http://{addr}/ (Ctrl-C stops)");
        let _ = std::io::stdout().flush();
    })?;
    Ok(0)
}
