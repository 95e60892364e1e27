//! GraphML (yEd, Cytoscape, NetworkX) and GEXF (Gephi) renderings of a
//! [`Network`].
use std::fmt::Write;

use crate::network::Network;
use crate::xml::escape;

/// The network as GraphML: directed edges with `events`, `cooperation` and
/// `conflict` weights; nodes with `name`, `degree` and `events`.
pub fn to_graphml(net: &Network) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, target, name, kind) in [
        ("name", "node", "name", "string"),
        ("degree", "node", "degree", "long"),
        ("node_events", "node", "events", "long"),
        ("events", "edge", "events", "long"),
        ("cooperation", "edge", "cooperation", "double"),
        ("conflict", "edge", "conflict", "double"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph id=\"kroniek\" edgedefault=\"directed\">\n");
    for n in &net.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&n.id));
        let _ = writeln!(
            out,
            "      <data key=\"name\">{}</data>",
            escape(n.name.as_deref().unwrap_or(&n.id))
        );
        let _ = writeln!(out, "      <data key=\"degree\">{}</data>", n.degree);
        let _ = writeln!(out, "      <data key=\"node_events\">{}</data>", n.events);
        out.push_str("    </node>\n");
    }
    for (i, e) in net.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&e.source),
            escape(&e.target)
        );
        let _ = writeln!(out, "      <data key=\"events\">{}</data>", e.events);
        let _ = writeln!(
            out,
            "      <data key=\"cooperation\">{}</data>",
            e.cooperation
        );
        let _ = writeln!(out, "      <data key=\"conflict\">{}</data>", e.conflict);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The network as GEXF 1.3: edge weight = event count; cooperation and
/// conflict as edge attributes.
pub fn to_gexf(net: &Network) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
    out.push_str("  <meta><creator>kroniek</creator></meta>\n");
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    out.push_str("    <attributes class=\"node\">\n");
    out.push_str("      <attribute id=\"degree\" title=\"degree\" type=\"long\"/>\n");
    out.push_str("      <attribute id=\"events\" title=\"events\" type=\"long\"/>\n");
    out.push_str("    </attributes>\n");
    out.push_str("    <attributes class=\"edge\">\n");
    out.push_str("      <attribute id=\"cooperation\" title=\"cooperation\" type=\"double\"/>\n");
    out.push_str("      <attribute id=\"conflict\" title=\"conflict\" type=\"double\"/>\n");
    out.push_str("    </attributes>\n");
    out.push_str("    <nodes>\n");
    for n in &net.nodes {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"degree\" value=\"{}\"/><attvalue for=\"events\" value=\"{}\"/></attvalues></node>",
            escape(&n.id),
            escape(n.name.as_deref().unwrap_or(&n.id)),
            n.degree,
            n.events
        );
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in net.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues><attvalue for=\"cooperation\" value=\"{}\"/><attvalue for=\"conflict\" value=\"{}\"/></attvalues></edge>",
            escape(&e.source),
            escape(&e.target),
            e.events,
            e.cooperation,
            e.conflict
        );
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
