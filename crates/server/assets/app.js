// kroniek pages: small enhancements only; every page works without script.
"use strict";

// Opening a link to an event (#ev-...) unfolds it so its evidence shows.
function openTargetEvent() {
  if (!location.hash.startsWith("#ev-")) return;
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.tagName === "DETAILS") {
    target.open = true;
    target.scrollIntoView({ block: "center" });
  }
}

// Clicking a chart mark highlights the period's section below the chart.
function highlightPeriod(period) {
  document.querySelectorAll("section.period.current").forEach((s) => s.classList.remove("current"));
  document.querySelectorAll("svg .mark.current").forEach((m) => m.classList.remove("current"));
  document.querySelectorAll("section.period").forEach((s) => {
    if (s.dataset.period === period) s.classList.add("current");
  });
  document.querySelectorAll("svg .mark").forEach((m) => {
    if (m.dataset.period === period) m.classList.add("current");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  openTargetEvent();
  window.addEventListener("hashchange", openTargetEvent);
  document.querySelectorAll("svg .mark").forEach((mark) => {
    mark.addEventListener("click", () => highlightPeriod(mark.dataset.period));
  });
  document.body.classList.add("js");
});
