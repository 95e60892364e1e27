//! `kroniek synth`: a large synthetic store for benchmarks, written through
//! the store API. Actors follow a Zipf law over ~200 countries and
//! organisations; dates run 2015–2024 with bursts (a third of the documents
//! fall in 40 short news waves); every dyad has its own drifting relation,
//! so timelines have shifts to find. About 3% of documents are undated.
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Days, NaiveDate};
use clap::Args;
use kroniek_model::{Category, Document, Event, EventActor, Modality, Precision, Sentence, Span};
use kroniek_store::{SqliteStore, Store};

#[derive(Debug, Args)]
pub struct SynthArgs {
    #[arg(long, default_value_t = 100_000)]
    pub docs: u64,
    #[arg(long, default_value_t = 1_000_000)]
    pub events: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Country codes (ISO 3166-1 alpha-3) and organisation codes.
const ACTORS: &str = "USA RUS CHN UKR GBR FRA DEU ISR PSE IRN TUR IND PAK JPN KOR PRK SAU SYR IRQ AFG \
NLD BEL POL ITA ESP ARM AZE GEO BLR KAZ EGY LBN JOR YEM QAT ARE OMN KWT BHR LBY TUN DZA MAR SDN SSD ETH \
SOM KEN UGA RWA COD NGA NER MLI BFA TCD CMR ZAF ZWE MOZ AGO VEN COL BRA ARG CHL PER BOL ECU MEX CUB \
HTI NIC GTM HND SLV PAN CAN AUS NZL IDN MYS PHL VNM THA MMR KHM LAO BGD LKA NPL MNG TWN HKG SGP UZB \
TKM TJK KGZ MDA ROU BGR SRB HRV BIH MNE ALB MKD GRC CYP HUN SVK CZE AUT CHE SWE NOR FIN DNK EST LVA \
LTU IRL PRT ISL LUX MLT SVN ERI DJI MRT SEN GIN SLE LBR CIV GHA TGO BEN GAB COG CAF GNQ TZA ZMB MWI \
MDG NAM BWA LSO SWZ PRY URY GUY SUR JAM DOM TTO BHS FJI PNG SLB VUT WSM TON KIR \
UN EU NATO AU ASEAN CSTO OPEC WHO IMF WTO ICC OSCE GCC ARL SCO BRICS G7 G20 IAEA UNSC";

const VERBS: &[(&str, Category)] = &[
    ("sprak met", Category::Consult),
    ("tekende een akkoord met", Category::Agree),
    ("steunde", Category::Support),
    ("werkte samen met", Category::Cooperate),
    ("stuurde hulp naar", Category::Aid),
    ("trok troepen terug bij", Category::Retreat),
    ("gaf toe aan", Category::Concede),
    ("eiste uitleg van", Category::Request),
    ("beschuldigde", Category::Accuse),
    ("wees het voorstel af van", Category::Reject),
    ("dreigde", Category::Threaten),
    ("protesteerde tegen", Category::Protest),
    ("legde sancties op aan", Category::Sanction),
    ("mobiliseerde tegen", Category::Mobilize),
    ("zette onder druk", Category::Coerce),
    ("viel aan", Category::Assault),
];

const TOPICS: &[&str] = &[
    "de grens",
    "de gasleveringen",
    "het vredesoverleg",
    "de handel",
    "de vluchtelingen",
    "de verkiezingen",
    "de militaire oefening",
    "het kernprogramma",
];

/// SplitMix64: small, fast and reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Zipf(1) sampler by inverse CDF over precomputed cumulative weights.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Self {
        let mut cumulative = Vec::with_capacity(n);
        let mut total = 0.0;
        for k in 1..=n {
            total += 1.0 / k as f64;
            cumulative.push(total);
        }
        Zipf(cumulative.into_iter().map(|c| c / total).collect())
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

fn pair_hash(a: usize, b: usize) -> u64 {
    let mut r = Rng((a as u64) << 32 | b as u64);
    r.next()
}

pub fn run(dir: &Path, args: SynthArgs) -> Result<u8> {
    if crate::cli::is_postgres(dir) {
        return fill(crate::cli::open_store(dir)?.as_mut(), dir, args);
    }
    let mut store = SqliteStore::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    // A throw-away benchmark store: skip the syncs that make 100k small
    // transactions slow (a crash loses the store, which is then rebuilt).
    store
        .connection()
        .execute_batch("PRAGMA synchronous = OFF")?;
    store.ensure_analysis_indexes()?;
    fill(&mut store, dir, args)
}

/// Documents per transaction on PostgreSQL (one round trip per commit).
const PG_BATCH: u64 = 200;

fn fill(store: &mut dyn Store, dir: &Path, args: SynthArgs) -> Result<u8> {
    let batched = crate::cli::is_postgres(dir);
    let actors: Vec<&str> = ACTORS.split_whitespace().collect();
    let zipf = Zipf::new(actors.len());
    let mut rng = Rng(args.seed);
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).context("start date")?;
    let span_days = 3652u64;
    let bursts: Vec<u64> = (0..40).map(|_| rng.below(span_days - 60)).collect();
    let run = store.begin_run("synth")?;
    let per_doc = (args.events / args.docs.max(1)).max(1);
    let mut written = 0u64;
    let progress = indicatif::ProgressBar::new(args.docs);
    for d in 0..args.docs {
        let remaining_docs = args.docs - d;
        let remaining_events = args.events.saturating_sub(written);
        let n_events = if remaining_docs == 1 {
            remaining_events
        } else {
            (1 + rng.below(2 * per_doc - 1)).min(remaining_events)
        };
        let day = if rng.below(3) == 0 {
            bursts[rng.below(bursts.len() as u64) as usize] + rng.below(30)
        } else {
            rng.below(span_days)
        };
        let date = start.checked_add_days(Days::new(day)).unwrap_or(start);
        let undated = rng.below(100) < 3;
        let doc = synth_document(d, n_events, date, undated, &actors, &zipf, &mut rng);
        written += doc.events.len() as u64;
        if batched && d % PG_BATCH == 0 {
            store.begin_batch()?;
        }
        store.put_document(&doc, run)?;
        if batched && (d % PG_BATCH == PG_BATCH - 1 || d + 1 == args.docs) {
            store.commit_batch()?;
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    store.finish_run(
        run,
        &kroniek_store::RunSummary {
            added: args.docs,
            ..Default::default()
        },
    )?;
    eprintln!(
        "synthetic store at {}: {} documents, {written} events",
        dir.display(),
        args.docs
    );
    Ok(0)
}

fn synth_document(
    d: u64,
    n_events: u64,
    date: NaiveDate,
    undated: bool,
    actors: &[&str],
    zipf: &Zipf,
    rng: &mut Rng,
) -> Document {
    let id = format!("synth-{d:07}");
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut events = Vec::new();
    let years = (date.format("%Y").to_string().parse::<i32>().unwrap_or(2015) - 2015) as f64;
    for i in 0..n_events {
        let s = zipf.sample(rng);
        let mut t = zipf.sample(rng);
        if t == s {
            t = (t + 1 + rng.below(actors.len() as u64 - 1) as usize) % actors.len();
        }
        // Each pair has a base mood and a drift per year, plus noise.
        let h = pair_hash(s.min(t), s.max(t));
        let base = (h % 1000) as f64 / 1000.0 * 12.0 - 6.0;
        let drift = ((h >> 20) % 100) as f64 / 100.0 * 1.6 - 0.8;
        let mood = (base + drift * years + (rng.unit() - 0.5) * 9.0).clamp(-9.9, 9.9);
        let (verb, category) = VERBS
            .iter()
            .min_by(|a, b| {
                (f64::from(a.1.score()) - mood)
                    .abs()
                    .total_cmp(&(f64::from(b.1.score()) - mood).abs())
            })
            .copied()
            .unwrap_or(VERBS[0]);
        let topic = TOPICS[rng.below(TOPICS.len() as u64) as usize];
        let sentence = format!("{} {verb} {} over {topic}.", actors[s], actors[t]);
        let begin = text.len() as u32;
        text.push_str(&sentence);
        let end = text.len() as u32;
        text.push(' ');
        sentences.push(Sentence {
            span: Span { start: begin, end },
            token_start: 0,
            token_end: 0,
        });
        let month_only = rng.below(10) == 0;
        let (event_date, precision) = if undated {
            (None, None)
        } else if month_only {
            (
                Some(date.format("%Y-%m").to_string()),
                Some(Precision::Month),
            )
        } else {
            (
                Some(date.format("%Y-%m-%d").to_string()),
                Some(Precision::Day),
            )
        };
        let actor = |k: usize| EventActor {
            id: Some(actors[k].to_string()),
            name: Some(actors[k].to_string()),
            text: actors[k].to_string(),
            country: Some(actors[k].to_string()),
            sector: Some("GOV".into()),
        };
        let trigger_start = begin + actors[s].len() as u32 + 1;
        events.push(Event {
            event_id: format!("{id}:{i}"),
            doc_id: id.clone(),
            sentence_index: i as u32,
            sentence,
            span: Span { start: begin, end },
            trigger: verb.to_string(),
            trigger_span: Span {
                start: trigger_start,
                end: trigger_start + verb.len() as u32,
            },
            date: event_date,
            date_precision: precision,
            date_rule: if undated { "none" } else { "document" }.into(),
            source: Some(actor(s)),
            target: Some(actor(t)),
            category,
            mode: None,
            quad_class: category.quad_class(),
            score: category.score(),
            negated: rng.below(50) == 0,
            modality: Modality::Asserted,
            attribution: None,
            confidence: 0.5 + rng.unit() as f32 / 2.0,
            coder_version: "synth".into(),
        });
    }
    let text = text.trim_end().to_string();
    let mut meta = std::collections::BTreeMap::new();
    meta.insert("content_hash".to_string(), format!("synth{d:016x}"));
    Document {
        id,
        title: Some(format!("Synthetisch bericht {d}")),
        raw: text.clone(),
        text,
        sentences,
        events,
        meta,
        date: (!undated).then(|| kroniek_model::DocDate {
            value: kroniek_model::TimeValue::day(date),
            source: kroniek_model::DateSource::Metadata,
            evidence: None,
        }),
        ..Default::default()
    }
}
