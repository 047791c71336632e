"""The search page in a real browser (headless Chromium through Selenium), as an archivist
uses it: type a query and submit, click a facet (its chip shows and the results narrow),
click a timeline bar and a map tile, open a result (the article page shows the passage
at its anchor), download the CSV and parse it; then at phone width, the box and the
button fit, the results come before the facets and nothing scrolls sideways.

usage: browser_test.py BASE_URL [SCREENSHOT_DIR]   (exit 1 with a line per failure)
"""
import csv
import io
import os
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, "/usr/lib/python3/dist-packages")  # Debian's python3-selenium
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = sys.argv[1].rstrip("/")
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def browser(width, height, phone=False):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    if phone:
        # Headless windows are at least 500 px wide: a phone's viewport is emulated.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.binary_location = "/usr/bin/chromium"
    service = Service(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, "article.result")


def query_of(url):
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query)


def desktop():
    driver = browser(1280, 1500)
    try:
        driver.get(BASE + "/")
        box = driver.find_element(By.NAME, "q")
        box.send_keys("người Hoa")
        driver.find_element(By.CSS_SELECTOR, "header button[type=submit]").click()
        check(query_of(driver.current_url).get("q") == ["người Hoa"], "submitting the box searches for what was typed")
        before = len(results(driver))
        check(before > 0, "the query has results")
        summary = driver.find_element(By.CSS_SELECTOR, ".summary").text
        if SHOTS:
            driver.set_window_size(1280, 860)
            driver.save_screenshot(os.path.join(SHOTS, "search-1280.png"))
            driver.set_window_size(1280, 1500)

        # A province facet: its chip appears and every result's article names it.
        facet = driver.find_element(By.CSS_SELECTOR, "aside ul li a")
        name = facet.text
        facet.click()
        chips = [chip.text for chip in driver.find_elements(By.CSS_SELECTOR, ".chips .chip")]
        check(any(name in chip for chip in chips), f"clicking the facet '{name}' shows its chip ({chips})")
        check(driver.find_element(By.CSS_SELECTOR, ".summary").text != summary, "the facet narrows the results")
        check(len(results(driver)) > 0, "the narrowed search has results")

        # A timeline bar: the search narrowed to its period.
        driver.get(BASE + "/?q=" + urllib.parse.quote("người Hoa"))
        bars = driver.find_elements(By.CSS_SELECTOR, "svg.timeline a")
        check(len(bars) > 0, "the timeline has bars")
        if bars:
            label = bars[0].find_element(By.TAG_NAME, "title").get_attribute("textContent")
            bars[0].find_element(By.CSS_SELECTOR, "rect").click()
            parameters = query_of(driver.current_url)
            check("from" in parameters and parameters.get("from") == parameters.get("to"),
                  f"the bar '{label}' narrows the search to one period ({parameters.get('from')})")
            check(len(results(driver)) > 0, "the period has results")

        # A map tile with matches: the search filtered to its province.
        driver.get(BASE + "/?q=" + urllib.parse.quote("người Hoa"))
        tiles = [tile for tile in driver.find_elements(By.CSS_SELECTOR, "svg.province-map a")
                 if int(tile.find_element(By.CSS_SELECTOR, "rect").get_attribute("data-count") or 0) > 0]
        check(len(tiles) > 0, "the map has provinces with matches")
        if tiles:
            title = tiles[0].find_element(By.TAG_NAME, "title").get_attribute("textContent")
            tiles[0].find_element(By.CSS_SELECTOR, "rect").click()
            province = title.rsplit(":", 1)[0]
            check(query_of(driver.current_url).get("province") == [province], f"the tile '{title}' filters to its province")
            check(len(results(driver)) > 0, "the province has results")

        # A result: the article page, its passage marked at the anchor.
        driver.get(BASE + "/?q=" + urllib.parse.quote("người Hoa"))
        link = driver.find_element(By.CSS_SELECTOR, "article.result h3 a")
        href = link.get_attribute("href")
        link.click()
        anchor = urllib.parse.urlparse(href).fragment
        check(anchor.startswith("p"), f"a result links to its passage ({href})")
        passage = driver.find_element(By.ID, anchor)
        check("match" in passage.get_attribute("class"), "the linked passage holds the query's words")
        check(len(passage.find_elements(By.TAG_NAME, "mark")) > 0, "the query's words are marked in it")
        check(driver.execute_script("return document.querySelector(':target') && document.querySelector(':target').id") == anchor,
              "the passage is the page's target")
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top", passage)
        check(0 <= top < 400, f"the browser scrolled to the passage (top {top:.0f} px)")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".back a")) == 1, "the article page links back to the results")
        if SHOTS:
            driver.save_screenshot(os.path.join(SHOTS, "article-1280.png"))

        # The CSV the page offers: RFC 4180 with a header row, one row per hit.
        driver.get(BASE + "/?q=" + urllib.parse.quote("người Hoa"))
        export = driver.find_element(By.CSS_SELECTOR, "a.export-csv").get_attribute("href")
        with urllib.request.urlopen(export) as response:
            disposition = response.headers.get("Content-Disposition", "")
            rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"), newline="")))
        check(disposition.startswith("attachment"), "the CSV comes as a download")
        check(rows and rows[0][:3] == ["article_id", "date", "title"], "the CSV has its header row")
        check(len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows), f"the CSV parses, {len(rows) - 1} rows")
    finally:
        driver.quit()


def phone():
    driver = browser(390, 844, phone=True)
    try:
        driver.get(BASE + "/?q=" + urllib.parse.quote("người Hoa"))
        width = driver.execute_script("return window.innerWidth")
        button = driver.find_element(By.CSS_SELECTOR, "header button[type=submit]")
        right = driver.execute_script("return arguments[0].getBoundingClientRect().right", button)
        check(right <= width, f"the search button fits at {width} px (right edge {right:.0f})")
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        check(scroll <= width, f"nothing scrolls sideways ({scroll} px wide)")
        result = driver.find_element(By.CSS_SELECTOR, "article.result")
        aside = driver.find_element(By.CSS_SELECTOR, "main > aside")
        check(result.location["y"] < aside.location["y"], "the results come before the facets and the map")
        if SHOTS:
            driver.save_screenshot(os.path.join(SHOTS, "search-390.png"))
    finally:
        driver.quit()


desktop()
phone()
if failures:
    print(f"{len(failures)} browser check(s) failed", file=sys.stderr)
    sys.exit(1)
print("browser checks passed")
