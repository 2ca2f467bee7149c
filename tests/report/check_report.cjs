// Opens the report in headless Chromium (playwright-core driving Debian's chromium), checks
// what a reader would, and prints one JSON line of findings for tests/report.rs to assert on.
//   node check_report.cjs URL SCREENSHOT.png
const { chromium } = require("playwright-core");

(async () => {
  const [url, shot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const out = { dialogs: [], requests: [], errors: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    page.on("dialog", d => { out.dialogs.push(d.message()); d.dismiss(); });
    page.on("pageerror", e => out.errors.push(String(e)));
    page.on("request", r => {
      const u = r.url();
      if (u !== url && !u.startsWith("data:")) out.requests.push(u);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.vnkgReport && window.vnkgReport.cy, null, { timeout: 30000 });
    out.nodes = await page.evaluate(() => window.vnkgReport.cy.nodes().length);
    out.edges = await page.evaluate(() => window.vnkgReport.cy.edges().length);
    out.dataNodes = await page.evaluate(() => window.vnkgReport.data.nodes.length);
    // click the most central entity where it is drawn
    const target = await page.evaluate(() => {
      const cy = window.vnkgReport.cy;
      cy.fit(undefined, 30);
      const n = cy.nodes().sort((a, b) => (window.vnkgReport.data.nodes.find(x => x.id === b.id()).scores.pagerank || 0)
        - (window.vnkgReport.data.nodes.find(x => x.id === a.id()).scores.pagerank || 0))[0];
      const p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y, id: n.id(), label: n.data("label") };
    });
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(() => document.querySelectorAll("#details .fact").length > 0, null, { timeout: 10000 });
    out.clicked = target.label;
    out.detailsTitle = await page.textContent("#details h2");
    out.firstSentence = await page.textContent("#details .fact .sentence");
    out.facts = await page.evaluate(() => document.querySelectorAll("#details .fact").length);
    // a filter: hide the sectors
    out.visibleBefore = await page.evaluate(() => window.vnkgReport.visibleNodes());
    await page.uncheck('input[data-class="Sector"]');
    out.visibleAfterClass = await page.evaluate(() => window.vnkgReport.visibleNodes());
    out.sectorNodes = await page.evaluate(() => window.vnkgReport.data.nodes.filter(n => n.top === "Sector").length);
    await page.check('input[data-class="Sector"]');
    // the country filter, then back
    await page.selectOption("#country", { index: 1 });
    out.visibleAfterCountry = await page.evaluate(() => window.vnkgReport.visibleNodes());
    // and the drawing follows: cytoscape hides the same nodes once its style pass has run
    await page.waitForFunction(() => window.vnkgReport.cy.nodes(":visible").length === window.vnkgReport.visibleNodes(),
      null, { timeout: 10000 });
    await page.selectOption("#country", "");
    // the search box marks matches
    await page.fill("#search", process.env.VNKG_SEARCH || "Qualcomm");
    out.matches = await page.evaluate(() => window.vnkgReport.cy.nodes(".match").map(n => n.data("label")));
    await page.fill("#search", "");
    // what a hostile label became on the page (shown as text, never run)
    const nasty = process.env.VNKG_NASTY_ID;
    if (nasty) {
      out.nastyInData = await page.evaluate(id => window.vnkgReport.data.nodes.find(n => n.id === id).label, nasty);
      await page.evaluate(id => { const n = window.vnkgReport.cy.getElementById(id); n.emit("tap"); }, nasty);
      out.nastyTitle = await page.textContent("#details h2");
      out.injected = await page.evaluate(() => document.querySelectorAll("#details script, #details img, #details b").length);
    }
    out.chartRows = await page.evaluate(() => document.querySelectorAll("#byCountry tr").length);
    out.heatRows = await page.evaluate(() => document.querySelectorAll("#heatmap tr").length);
    out.topRows = await page.evaluate(() => document.querySelectorAll("#top tr").length);
    out.summary = await page.textContent("#summary");
    await page.mouse.click(target.x, target.y);
    await page.screenshot({ path: shot, fullPage: true });
  } catch (e) {
    out.failure = String(e && e.stack || e);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})();
