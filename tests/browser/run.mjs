// Browser test: ingests the seed articles into a temporary store with the
// release binary, serves it on a free loopback port and looks at the pages in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
// Environment: KRONIEK_BIN (default <repo>/target/release/kroniek),
// KRONIEK_SEEDS (default <repo>/../shared/corpus/seeds), CHROMIUM
// (default /usr/bin/chromium). Without the seeds or the browser the test
// fails when CI is set and is skipped otherwise.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const bin = process.env.KRONIEK_BIN || path.join(repo, "target", "release", "kroniek");
const seeds = process.env.KRONIEK_SEEDS || path.resolve(repo, "..", "shared", "corpus", "seeds");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = path.join(repo, "target", "browser-artifacts");
const DEADLINE_MS = 180_000;

let passed = 0;
let failed = 0;
const failures = [];

function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    failures.push(name);
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

function missing(what) {
  if (process.env.CI) {
    console.error(`browser test: ${what} is missing and CI is set`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  console.log(`browser test skipped: ${what} is missing`);
  process.exit(0);
}

for (const [what, file] of [["the kroniek binary " + bin, bin], ["the seeds " + seeds, seeds], ["Chromium " + browserPath, browserPath]]) {
  if (!fs.existsSync(file)) missing(what);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "kroniek-browser-"));
const store = path.join(work, "store");
const profile = path.join(work, "chromium-profile");
fs.mkdirSync(artifacts, { recursive: true });

const ingest = spawnSync(bin, ["--store", store, "ingest", seeds], { encoding: "utf8", timeout: 120_000 });
if (ingest.status !== 0) {
  console.error(ingest.stdout, ingest.stderr);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

// Port 0: the server picks a free port and prints it.
const server = spawn(bin, ["--store", store, "serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
server.stderr.on("data", (d) => process.stderr.write(d));
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("server did not start within 20 s")), 20_000);
  let seen = "";
  server.stdout.on("data", (d) => {
    seen += d.toString();
    const m = seen.match(/http:\/\/127\.0\.0\.1:\d+/);
    if (m) {
      clearTimeout(timer);
      resolve(m[0]);
    }
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

const watchdog = setTimeout(() => {
  console.error(`browser test: still running after ${DEADLINE_MS / 1000} s, giving up`);
  server.kill("SIGTERM");
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, DEADLINE_MS);

const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1200, height: 900 },
});

try {
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(String(err)));
  // Nothing may leave the machine: every request must go to the server.
  const outside = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith("data:")) outside.push(req.url());
  });

  // Overview
  let response = await page.goto(`${base}/`);
  check("overview answers 200", response.status() === 200, String(response.status()));
  check("overview has a heading", (await page.textContent("h1")) === "Overview");
  const documents = await page.textContent(".cards .card b");
  check("overview counts the seed documents", Number(documents) >= 5, documents);
  const csp = response.headers()["content-security-policy"] || "";
  check("pages carry a content security policy", csp.includes("script-src 'self'"), csp);
  await page.screenshot({ path: path.join(artifacts, "overview.png"), fullPage: true });

  // The Russia–Armenia dyad
  response = await page.goto(`${base}/dyad/RUS/ARM`);
  check("dyad page answers 200", response.status() === 200, String(response.status()));
  check("dyad page draws the timeline chart", (await page.locator("svg.timeline").count()) === 1);
  const periods = await page.$$eval("svg.timeline .mark", (marks) => marks.map((m) => m.dataset.period));
  check("chart marks 2020", periods.includes("2020"), `marks: ${periods.join(", ") || "none"}`);
  check("chart marks 2023", periods.includes("2023"), `marks: ${periods.join(", ") || "none"}`);
  const shifts = await page.$$eval("svg.timeline .shift", (s) => s.map((x) => x.dataset.period));
  console.log(`info shifts marked: ${shifts.join(", ") || "none"}`);
  const events = page.locator("details.event");
  const eventCount = await events.count();
  check("dyad page lists events", eventCount > 0, `${eventCount} events`);
  if (eventCount > 0) {
    const first = events.first();
    const evidence = first.locator("blockquote.evidence");
    check("evidence is hidden until the event is clicked", !(await evidence.isVisible()));
    await first.locator("summary").click();
    check("clicking an event shows its evidence sentence", await evidence.isVisible());
    const sentence = (await evidence.textContent()) || "";
    check("the evidence sentence has words", sentence.trim().split(/\s+/).length >= 3, sentence);
    const mark = page.locator("svg.timeline .mark").first();
    if ((await mark.count()) > 0) {
      await mark.click();
      check("clicking a chart mark highlights its period", (await page.locator("section.period.current").count()) === 1);
    }
    await page.screenshot({ path: path.join(artifacts, "dyad-RUS-ARM.png"), fullPage: true });

    // Follow the event to its sentence in the document.
    const link = first.locator("p.source a");
    const href = await link.getAttribute("href");
    await link.click();
    await page.waitForURL((url) => url.pathname.startsWith("/doc/"));
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    check("the event links to a sentence anchor", /^s\d+$/.test(anchor), href);
    const target = page.locator(`[id="${anchor}"]`);
    check("the document shows that sentence", (await target.count()) === 1 && (await target.isVisible()));
    const targetText = ((await target.textContent()) || "").replace(/\s+/g, " ").trim();
    check("the anchored sentence is the evidence", targetText === sentence.replace(/\s+/g, " ").trim(), `${targetText} / ${sentence}`);
    check("the document marks actor mentions", (await page.locator(".doc-text a.mention").count()) > 0);
    check("the document marks event triggers", (await page.locator(".doc-text mark.trigger").count()) > 0);
    check("the document marks dates", (await page.locator(".doc-text mark.timex").count()) > 0);
    await page.screenshot({ path: path.join(artifacts, "document.png"), fullPage: true });
  } else {
    await page.screenshot({ path: path.join(artifacts, "dyad-RUS-ARM.png"), fullPage: true });
    // Still look at a document page.
    const first = await (await fetch(`${base}/api/v1/documents?limit=1`)).json();
    response = await page.goto(`${base}/doc/${encodeURIComponent(first.items[0].id)}`);
    check("document page answers 200", response.status() === 200);
    await page.screenshot({ path: path.join(artifacts, "document.png"), fullPage: true });
  }

  check("no script errors or CSP violations", problems.length === 0, problems.join(" | "));
  check("no request left the server", outside.length === 0, outside.join(", "));
} catch (err) {
  check("browser session", false, String(err && err.stack ? err.stack : err));
} finally {
  clearTimeout(watchdog);
  await context.close().catch(() => {});
  server.kill("SIGTERM");
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(`screenshots in ${artifacts}`);
if (failures.length) console.log(`failed: ${failures.join("; ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
