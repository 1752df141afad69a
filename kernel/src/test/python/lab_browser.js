// Drives the notebook UI that `./seqlab lab` serves (JupyterLab or the classic Notebook) in
// Debian's Chromium through playwright-core: opens a notebook, runs all cells, and reports what
// the page shows as JSON on stdout. Every request that is not to the loopback server is aborted
// and counted, so the UI is checked offline.
// Usage: node lab_browser.js PLAYWRIGHT_CORE_DIR BASE_URL TOKEN NOTEBOOK UI(lab|classic)
"use strict";
const [pwDir, base, token, notebook, ui] = process.argv.slice(2);
const { chromium } = require(pwDir);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SEQLAB_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
           "--disable-component-update", "--no-first-run"],
  });
  const result = { ui, blocked: [], pageErrors: [] };
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (["127.0.0.1", "localhost"].includes(url.hostname) || url.protocol === "data:" || url.protocol === "blob:") {
        return route.continue();
      }
      result.blocked.push(url.href);
      return route.abort();
    });
    page = await context.newPage();
    page.on("pageerror", (e) => result.pageErrors.push(String(e)));
    page.setDefaultTimeout(Number(process.env.SEQLAB_BROWSER_TIMEOUT || 240000));
    if (ui === "classic") {
      await page.goto(`${base}/notebooks/${notebook}?token=${token}`);
      await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
        && Jupyter.notebook.kernel.is_connected());
      await page.evaluate(() => Jupyter.notebook.execute_all_cells());
      await page.waitForFunction(() => Jupyter.notebook.get_cells().every((c) => c.cell_type !== "code"
        || (typeof c.input_prompt_number === "number")), null, { polling: 500 });
      result.errors = await page.locator(".output_error").count();
      result.math = await page.locator(".text_cell_render .MathJax, .text_cell_render mjx-container, .text_cell_render math").count();
      result.prose = await page.locator(".text_cell_render").allInnerTexts();
    } else {
      await page.goto(`${base}/lab/tree/${notebook}?token=${token}`);
      await page.locator(".jp-Notebook .jp-Cell").first().waitFor();
      // cells run before the kernel is connected are dropped, not queued: wait for "Idle"
      await page.locator(".jp-StatusBar-Widget", { hasText: /Java \(Seqlab\) \| Idle/ }).first().waitFor();
      await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
      await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
      await page.waitForFunction(() => {
        const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent.trim());
        return prompts.length > 0 && prompts.every((p) => /^\[\d+\]:?$/.test(p));
      }, null, { polling: 500 });
      result.errors = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        { hasText: /Exception|Error/ }).count();
      result.math = await page.locator(".jp-MarkdownOutput mjx-container, .jp-MarkdownOutput .MathJax, .jp-MarkdownOutput math").count();
      result.prose = await page.locator(".jp-MarkdownOutput").allInnerTexts();
    }
    await page.locator(".main-svg").first().waitFor({ timeout: 30000 }).catch(() => {});
    result.plots = await page.locator(".main-svg").count();
    result.tables = await page.locator("table.dataframe").count();
    result.tableHeaders = await page.locator("table.dataframe th").allInnerTexts();
  } catch (e) {
    result.failure = String(e && e.stack || e);
    if (process.env.SEQLAB_BROWSER_SHOT) {
      await page.screenshot({ path: process.env.SEQLAB_BROWSER_SHOT, fullPage: false }).catch(() => {});
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result));
})();
