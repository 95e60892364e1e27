//! `kroniek extract`: a stateless worker for cluster engines. JSON Lines
//! articles on stdin, JSON Lines events on stdout, no store.
//!
//! Every output line carries `"kind"`: `"event"` lines are the event JSON of
//! `kroniek events --format jsonl` plus that field; with `--annotations` a
//! `"document"` line follows each article's events. Bad lines become JSON
//! error lines on stderr and the stream goes on; the exit code is 0 unless
//! stdin or stdout themselves fail, so one bad record never fails a Spark
//! task or a Hadoop map. Output follows input order whatever `--jobs` is.
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::{Context, Result};
use clap::Args;
use kroniek_model::{Document, Event};
use kroniek_pipeline::{Depth, Pipeline, PipelineOptions};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Also print one `"kind": "document"` line per article (sentences,
    /// tokens, mentions, timexes, date).
    #[arg(long)]
    pub annotations: bool,
    /// Worker threads; output stays in input order. 1 suits engines that
    /// already run one worker per core.
    #[arg(long, default_value_t = 1)]
    pub jobs: usize,
    /// Longest input line accepted, in MiB (longer lines are skipped and reported).
    #[arg(long, default_value_t = kroniek_ingest::DEFAULT_MAX_DOC_MB)]
    pub max_doc_mb: usize,
    /// Extra actor registry (TSV, the format of `actors.tsv` beside a store).
    #[arg(long)]
    pub actors: Option<std::path::PathBuf>,
    /// Which sentences get a dependency parse (in `--annotations` output).
    #[arg(long, value_enum, default_value_t)]
    pub parse: crate::cli::ParseArg,
}

/// Lines kept in flight between reader, workers and writer (bounds memory).
const IN_FLIGHT: usize = 32;

/// What one input line produced: stdout lines and perhaps a stderr line.
#[derive(Debug, Default)]
struct LineOutput {
    out: String,
    err: Option<String>,
}

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    kind: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

#[derive(Serialize)]
struct DocumentLine<'a> {
    kind: &'static str,
    doc_id: &'a str,
    annotations: Annotations<'a>,
}

#[derive(Serialize)]
struct Annotations<'a> {
    title: &'a Option<String>,
    date: &'a Option<kroniek_model::DocDate>,
    language: &'a Option<kroniek_model::Language>,
    text: &'a str,
    sentences: &'a [kroniek_model::Sentence],
    tokens: &'a [kroniek_model::Token],
    mentions: &'a [kroniek_model::Mention],
    timexes: &'a [kroniek_model::Timex],
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    error: &'a str,
    id: Option<String>,
    line: usize,
}

pub fn run(args: ExtractArgs) -> Result<u8> {
    let mut options = PipelineOptions {
        parse: args.parse.into(),
        ..PipelineOptions::default()
    };
    if let Some(path) = &args.actors {
        let content = std::fs::read_to_string(path)
            .with_context(|| format!("reading the actor registry {}", path.display()))?;
        options
            .user_registry
            .push((path.display().to_string(), content));
    }
    let pipeline = Pipeline::new(Depth::Events, &options).context("loading the pipeline")?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let sinks = Sinks {
        out: std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        err: stderr.lock(),
    };
    let limit = args.max_doc_mb.max(1) << 20;
    let result = if args.jobs <= 1 {
        extract_serial(&pipeline, stdin.lock(), sinks, limit, args.annotations)
    } else {
        extract_parallel(
            Arc::new(pipeline),
            stdin,
            sinks,
            limit,
            args.annotations,
            args.jobs,
        )
    };
    match result {
        Ok(()) => Ok(0),
        // The reader (`head`, a finished Spark task) went away: not our error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e).context("kroniek extract"),
    }
}

struct Sinks<O: Write, E: Write> {
    out: O,
    err: E,
}

impl<O: Write, E: Write> Sinks<O, E> {
    fn emit(&mut self, line: &LineOutput) -> std::io::Result<()> {
        self.out.write_all(line.out.as_bytes())?;
        if let Some(err) = &line.err {
            // Events already written go first, so stdout and stderr interleave sensibly.
            self.out.flush()?;
            self.err.write_all(err.as_bytes())?;
        }
        Ok(())
    }
}

fn extract_serial<R: Read, O: Write, E: Write>(
    pipeline: &Pipeline,
    input: R,
    mut sinks: Sinks<O, E>,
    limit: usize,
    annotations: bool,
) -> std::io::Result<()> {
    let mut lines = BoundedLines::new(input, limit);
    while let Some(line) = lines.next_line()? {
        sinks.emit(&process_line(pipeline, line, annotations))?;
    }
    sinks.out.flush()
}

type Work = (usize, InputLine);

fn extract_parallel<R: Read + Send, O: Write, E: Write>(
    pipeline: Arc<Pipeline>,
    input: R,
    mut sinks: Sinks<O, E>,
    limit: usize,
    annotations: bool,
    jobs: usize,
) -> std::io::Result<()> {
    let (slot_tx, slot_rx) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        let _ = slot_tx.send(());
    }
    let (work_tx, work_rx) = sync_channel::<Work>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<(usize, LineOutput)>(IN_FLIGHT);
    let work_rx = Arc::new(Mutex::new(work_rx));
    thread::scope(|scope| {
        let reader = scope.spawn(move || -> std::io::Result<()> {
            let mut lines = BoundedLines::new(input, limit);
            let mut seq = 0usize;
            while let Some(line) = lines.next_line()? {
                if slot_rx.recv().is_err() || work_tx.send((seq, line)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok(())
        });
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let pipeline = Arc::clone(&pipeline);
            scope.spawn(move || work(&pipeline, &work_rx, &done_tx, annotations));
        }
        drop(done_tx);
        let written = write_in_order(&mut sinks, done_rx, &slot_tx);
        // On a write error, stop the reader and workers: dropping the
        // slots and the results channel makes their sends fail.
        drop(slot_tx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the input reader stopped")));
        written?;
        read
    })?;
    sinks.out.flush()
}

fn work(
    pipeline: &Pipeline,
    work: &Mutex<Receiver<Work>>,
    done: &SyncSender<(usize, LineOutput)>,
    annotations: bool,
) {
    loop {
        let next = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, line)) = next else {
            return;
        };
        if done
            .send((seq, process_line(pipeline, line, annotations)))
            .is_err()
        {
            return;
        }
    }
}

fn write_in_order<O: Write, E: Write>(
    sinks: &mut Sinks<O, E>,
    done: Receiver<(usize, LineOutput)>,
    slots: &SyncSender<()>,
) -> std::io::Result<()> {
    let mut pending = BTreeMap::new();
    let mut next = 0usize;
    for (seq, output) in done {
        pending.insert(seq, output);
        while let Some(output) = pending.remove(&next) {
            sinks.emit(&output)?;
            next += 1;
            let _ = slots.send(());
        }
    }
    Ok(())
}

/// One line of input: its number and bytes, or the fact that it was too long.
#[derive(Debug)]
struct InputLine {
    number: usize,
    bytes: Option<Vec<u8>>,
}

/// Lines of at most `limit` bytes; longer ones are consumed in chunks and
/// reported, never held whole. Blank lines are skipped.
struct BoundedLines<R: Read> {
    reader: BufReader<R>,
    limit: usize,
    number: usize,
}

impl<R: Read> BoundedLines<R> {
    fn new(input: R, limit: usize) -> Self {
        BoundedLines {
            reader: BufReader::with_capacity(1 << 16, input),
            limit,
            number: 0,
        }
    }

    fn next_line(&mut self) -> std::io::Result<Option<InputLine>> {
        loop {
            self.number += 1;
            let mut buf = Vec::new();
            let cap = self.limit as u64 + 1;
            let n = (&mut self.reader).take(cap).read_until(b'\n', &mut buf)?;
            if n == 0 {
                return Ok(None);
            }
            if buf.last() == Some(&b'\n') || (n as u64) < cap {
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Ok(Some(InputLine {
                    number: self.number,
                    bytes: Some(buf),
                }));
            }
            self.skip_rest_of_line()?;
            return Ok(Some(InputLine {
                number: self.number,
                bytes: None,
            }));
        }
    }

    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(());
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(pos) => {
                    self.reader.consume(pos + 1);
                    return Ok(());
                }
                None => {
                    let len = available.len();
                    self.reader.consume(len);
                }
            }
        }
    }
}

fn process_line(pipeline: &Pipeline, line: InputLine, annotations: bool) -> LineOutput {
    let Some(bytes) = line.bytes else {
        return error_output(
            "line longer than the --max-doc-mb limit; skipped",
            None,
            line.number,
        );
    };
    let item = format!("stdin:{}", line.number);
    let mut doc = match kroniek_ingest::parse_article(&bytes, &item, "stdin", line.number) {
        Ok(doc) => doc,
        Err(e) => return error_output(&e.reason, id_of(&bytes), line.number),
    };
    doc.meta.insert(
        "content_hash".into(),
        kroniek_ingest::content_hash(&doc.raw),
    );
    if catch_unwind(AssertUnwindSafe(|| pipeline.process(&mut doc))).is_err() {
        return error_output(
            "internal error while analysing (a bug; please report it)",
            Some(doc.id),
            line.number,
        );
    }
    match render(&doc, annotations) {
        Ok(out) => LineOutput { out, err: None },
        Err(e) => error_output(
            &format!("could not encode the results: {e}"),
            Some(doc.id),
            line.number,
        ),
    }
}

fn render(doc: &Document, annotations: bool) -> serde_json::Result<String> {
    let mut out = String::new();
    for event in &doc.events {
        out.push_str(&event_line(event)?);
        out.push('\n');
    }
    if annotations {
        out.push_str(&serde_json::to_string(&DocumentLine {
            kind: "document",
            doc_id: &doc.id,
            annotations: Annotations {
                title: &doc.title,
                date: &doc.date,
                language: &doc.language,
                text: &doc.text,
                sentences: &doc.sentences,
                tokens: &doc.tokens,
                mentions: &doc.mentions,
                timexes: &doc.timexes,
            },
        })?);
        out.push('\n');
    }
    Ok(out)
}

/// The event JSON of `kroniek events --format jsonl` with `"kind": "event"` first.
pub fn event_line(event: &Event) -> serde_json::Result<String> {
    serde_json::to_string(&Tagged {
        kind: "event",
        inner: event,
    })
}

/// The `id` of a line that failed to become an article, when it has one.
fn id_of(bytes: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    match value.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn error_output(reason: &str, id: Option<String>, line: usize) -> LineOutput {
    let record = ErrorLine {
        error: reason,
        id,
        line,
    };
    let text = serde_json::to_string(&record)
        .unwrap_or_else(|_| format!("{{\"error\": \"unencodable error\", \"line\": {line}}}"));
    LineOutput {
        out: String::new(),
        err: Some(text + "\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_reported_and_blank_ones_skipped() {
        let input = format!("{}\n\n  \nkort\nlaatste", "x".repeat(50));
        let mut lines = BoundedLines::new(input.as_bytes(), 10);
        let first = lines.next_line().unwrap().unwrap();
        assert_eq!((first.number, first.bytes.is_none()), (1, true));
        let second = lines.next_line().unwrap().unwrap();
        assert_eq!(second.number, 4);
        assert_eq!(second.bytes.as_deref(), Some(&b"kort\n"[..]));
        let third = lines.next_line().unwrap().unwrap();
        assert_eq!(third.bytes.as_deref(), Some(&b"laatste"[..]));
        assert!(lines.next_line().unwrap().is_none());
    }

    #[test]
    fn ids_are_recovered_from_rejected_lines() {
        assert_eq!(id_of(br#"{"id": "a7", "text": 3}"#).as_deref(), Some("a7"));
        assert_eq!(id_of(br#"{"id": 12}"#).as_deref(), Some("12"));
        assert_eq!(id_of(b"{kapot"), None);
    }
}
