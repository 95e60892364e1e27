//! Serves a store without the rest of the CLI, for benchmarks:
//! `cargo run --release -p kroniek-server --example serve -- STORE [ADDR]`.
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(store) = args.next().map(PathBuf::from) else {
        eprintln!("usage: serve STORE [ADDR]");
        std::process::exit(2);
    };
    let addr = match args
        .next()
        .unwrap_or_else(|| "127.0.0.1:8472".into())
        .parse()
    {
        Ok(addr) => addr,
        Err(e) => {
            eprintln!("bad address: {e}");
            std::process::exit(2);
        }
    };
    let config = kroniek_server::ServerConfig {
        store,
        addr,
        token: None,
    };
    if let Err(e) =
        kroniek_server::serve_blocking(config, |addr| println!("serving at http://{addr}/"))
    {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
