//! Analysis of coded events, on events handed in by the caller (pure: no
//! file, database or clock access).
//!
//! - [`timeline`]: per-period counts, PLOVER score sums and means and the
//!   strongest evidence for one pair of actors, with [`detect_shifts`]
//!   marking where the relation changed;
//! - [`network`]: the weighted actor-to-actor graph, written as JSON,
//!   GraphML ([`to_graphml`]) or GEXF ([`to_gexf`]);
//! - [`timeline_svg`]: a self-contained SVG chart of a timeline;
//! - [`estimate_periods`]: estimated periods for undated documents from
//!   the dated ones (never a document date; shown as estimated).
//!
//! Events without a usable date are never dropped silently: every output
//! counts and lists them apart.
#![forbid(unsafe_code)]

mod dating;
mod graph_formats;
mod network;
mod period;
mod points;
mod shifts;
mod svg;
mod timeline;
mod xml;

pub use dating::{DateEstimate, DatingInput, DatingOptions, estimate_periods};
pub use graph_formats::{to_gexf, to_graphml};
pub use network::{
    ActorDegree, ActorLevel, Edge, Network, NetworkBuilder, NetworkOptions, Node, network,
    network_from_points, top_actors_by_degree,
};
pub use period::{Period, PeriodUnit, date_interval};
pub use points::{ActorRef, EventPoint};
pub use shifts::{ChangePoint, ShiftOptions, detect_shifts};
pub use svg::timeline_svg;
pub use timeline::{
    EventList, Evidence, PeriodSummary, Shift, Timeline, TimelineOptions, timeline,
    timeline_from_points,
};
