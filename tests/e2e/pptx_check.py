"""Checks one PPTX slide deck with python-pptx, then through LibreOffice.

    python3 pptx_check.py --deck DIR --kind KIND [--plan PLAN] [--expect NAME] [--artifacts DIR]

DIR holds deck.pptx and deck.json. KIND is the deck kind deck.json must
declare; NAME is a key of expect.json: texts the deck must hold (and of
its `charts`: the first series' values of charts, by title). Every native chart is read back (categories,
series names and values) and compared with deck.json's charts, its
embedded workbook is opened with openpyxl and must hold the same numbers,
and the numbers are compared with PLAN's own (and its `previous` plan's):
KPI actuals, targets and baselines, budget lines' amounts and spending. The PDF that
LibreOffice makes and its pages as PNG go to the artifacts folder. Prints
one line per failure and exits 1 if there was any.
"""

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import openpyxl
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

HERE = Path(__file__).resolve().parent
TOL = 1.0  # points
EMU_PER_PT = 12700


# The characters every document drops (src/text.rs): control characters but
# TAB and LF, a CR not before an LF, DEL, C1, U+2028/2029, bidi controls.
# deck.json keeps them, the slides must not hold them, so texts are compared
# without them. (python-pptx gives a line break `a:br` as a vertical tab.)
UNSAFE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def norm(s):
    return re.sub(r"\s+", " ", UNSAFE.sub("", s.replace("\v", "\n"))).strip()


def shape_texts(shapes):
    """Every text in these shapes: text frames, table cells, groups."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shape_texts(shape.shapes)
            continue
        if shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield cell.text
        if getattr(shape, "has_chart", False) and shape.has_chart:
            yield from chart_texts(shape.chart)


def chart_texts(chart):
    """A native chart's title, categories, series names and custom labels."""
    if chart.has_title and chart.chart_title.has_text_frame:
        yield chart.chart_title.text_frame.text
    for plot in chart.plots:
        yield from (str(c) for c in plot.categories)
        for series in plot.series:
            yield series.name or ""
            for point in series.points:
                label = point.data_label
                if label.has_text_frame:
                    yield label.text_frame.text
            # The values as the data labels show them: `12万`, `¥3,000,000`.
            fmt = series.data_labels.number_format if series._element.dLbls is not None else "General"
            before, after = re.match(r'(?:"([^"]*)")?[^"]*(?:"([^"]*)")?$', fmt).groups()
            for v in series.values:
                if v is not None:
                    n = f"{v:,.0f}" if float(v).is_integer() and "#,##0" in fmt else f"{v:g}"
                    yield f"{before or ''}{n}{after or ''}"


def check_package(path, deck, expected, plans, fail):
    prs = Presentation(str(path))
    slides = list(prs.slides)
    if len(slides) != len(deck["slides"]):
        fail(f"{len(slides)} slides, deck.json has {len(deck['slides'])}")
    width, height = prs.slide_width, prs.slide_height
    everything = []
    for i, (slide, want) in enumerate(zip(slides, deck["slides"]), start=1):
        where = f"slide {i} ({want['id']})"
        text = "\n".join(shape_texts(slide.shapes))
        everything.append(text)
        if norm(want["title"]) not in norm(text):
            fail(f"{where}: title {want['title']!r} is not on the slide")
        for shape in slide.shapes:
            if shape.left is None or shape.width is None:
                continue
            if (shape.left < 0 or shape.top < 0 or shape.left + shape.width > width
                    or shape.top + shape.height > height):
                fail(f"{where}: shape {shape.name!r} lies outside the slide")
        if want["notes"]:
            notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            if not notes.strip():
                fail(f"{where}: deck.json has speaker notes, the slide has none")
            for note in want["notes"]:
                if notes.strip() and norm(note) not in norm(notes):
                    fail(f"{where}: the speaker notes lack {note[:60]!r}")
    whole = "\n".join(everything)
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(whole.replace("\v", "\n"))})
    if found:
        fail(f"unsafe characters on the slides: {' '.join(found)}")
    for t in expected.get("texts", []):
        if t not in whole:
            fail(f"text {t!r} is on no slide")
    check_charts(prs, deck, plans, expected.get("charts", {}), fail)


# --- native charts ---------------------------------------------------------

SCALE = {"": 1, "k": 1000, "K": 1000, "万": 10_000, "亿": 100_000_000}


def exact(text):
    """`12万`, `€600k`, `¥3,000,000`, `8.5` → a Fraction; None if not a number."""
    m = re.fullmatch(r"[+]?[¥€$£]?\s*([0-9][0-9,_]*(?:\.[0-9]+)?)\s*(k|K|万|亿)?", str(text).strip())
    if not m:
        return None
    return Fraction(m.group(1).replace(",", "").replace("_", "")) * SCALE[m.group(2) or ""]


def percent(text):
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)%", str(text).strip())
    return Fraction(m.group(1)) / 100 if m else None


def load_plans(path):
    """The plan and, when it names one, its `previous` plan."""
    plans = []
    while path and len(plans) < 2:
        plan = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        plans.append(plan)
        prev = plan.get("plan", {}).get("previous", plan.get("previous"))
        path = Path(path).parent / prev if isinstance(prev, str) else None
    return plans


def quantity(text):
    """A KPI value as a chart holds it: `12万` → 120000, `5.8%` → 5.8,
    `+35%` → 35, `2.3pp` → 2.3, `1:5` → 5, `1.5x` → 1.5."""
    text = str(text).strip()
    m = re.fullmatch(r"1:([0-9.]+)", text)
    if m:
        return Fraction(m.group(1))
    m = re.fullmatch(r"[+]?([0-9.]+)(%|pp|x)", text)
    if m:
        return Fraction(m.group(1))
    return exact(text)


def plan_kpis(plans, field):
    """A KPI field (`actual`, `target`, `baseline`) by KPI name and by
    channel id and, for declared channels, channel name."""
    out = {}
    for plan in plans:
        channels = plan.get("channels", {})
        for kid, k in plan.get("kpis", {}).items():
            value = quantity(k.get(field, ""))
            if value is None:
                continue
            out.setdefault(k.get("name", kid), value)
            ch = k.get("channel")
            if ch:
                out.setdefault(ch, value)
                if isinstance(channels.get(ch), dict) and "name" in channels[ch]:
                    out.setdefault(channels[ch]["name"], value)
    return out


def actual_of(actuals, category, title):
    """A bar's plan value: by its label, or (a bar labelled with its channel
    under a common caption `新增粉丝（万）`) by the KPI `微信公众号新增粉丝`."""
    caption = re.split(r"[（(]", title)[0].strip()
    for key in (category, category + caption, f"{category} {caption}"):
        if key in actuals:
            return actuals[key]
    return None


LINE_KEYS = {"total", "name", "share", "amount", "spent", "note", "owner", "label", "tags"}


def plan_amounts(plans, field="amount"):
    """Budget lines' amounts (from the total, shares and amounts) or their
    `spent`, by name and id; the total under the deck's words for it."""
    out = {}

    def walk(table, whole):
        for key, v in table.items():
            if key in LINE_KEYS:
                continue
            if isinstance(v, str):
                name, share, amount, children = key, percent(v), exact(v), {}
            elif isinstance(v, dict):
                name, share, amount, children = v.get("name", key), percent(v.get("share", "")), exact(v.get("amount", "")), v
            else:
                continue
            value = share * whole if share is not None and whole is not None else amount
            if field == "spent":
                spent = exact(children.get("spent", "")) if children else None
                if spent is not None:
                    out.setdefault(name, spent)
                    out.setdefault(key, spent)
            elif value is not None:
                out.setdefault(name, value)
                out.setdefault(key, value)
            if value is not None:
                walk(children, value)

    for plan in plans:
        budget = plan.get("budget", {})
        total = exact(budget.get(field if field == "spent" else "total", ""))
        if total is not None:
            for word in ("总预算", "Total budget"):
                out.setdefault(word, total)
        walk(budget, exact(budget.get("total", "")))
    return out


# Series names (both languages) → the plan field they show.
SERIES_FIELDS = {
    "实际": "actual", "Actual": "actual", "目标": "target", "Target": "target",
    "基线": "baseline", "Baseline": "baseline", "金额": "amount", "Amount": "amount",
    "计划": "amount", "Planned": "amount", "实际支出": "spent", "Spent": "spent",
}


def deck_charts(body):
    """The charts of a deck.json body, in the order the slide draws them."""
    if body["type"] in ("bars", "chart"):
        return [body["chart"]]
    if body["type"] == "budget":
        return [body["chart"]] + [d["chart"] for d in body["breakdowns"]]
    return []


def as_float(v):
    return None if v is None else float(Fraction(v))


def check_chart(where, chart, want, fail):
    """python-pptx's reading and the embedded workbook against deck.json's chart."""
    plots = list(chart.plots)
    if len(plots) != 1:
        fail(f"{where}: {len(plots)} plots, expected 1")
        return
    plot = plots[0]
    kind = {"bar": "BAR_CLUSTERED", "column": "COLUMN_CLUSTERED", "doughnut": "DOUGHNUT"}[want["kind"]]
    if chart.chart_type.name != kind:
        fail(f"{where}: chart type {chart.chart_type.name}, expected {kind}")
    cats = [str(c) for c in plot.categories]
    if cats != want["categories"]:
        fail(f"{where}: categories {cats}, deck.json has {want['categories']}")
    series = list(plot.series)
    if [s.name for s in series] != [s["name"] for s in want["series"]]:
        fail(f"{where}: series {[s.name for s in series]}, deck.json has {[s['name'] for s in want['series']]}")
    for got, ws in zip(series, want["series"]):
        values = [as_float(v) for v in ws["values"]]
        if list(got.values) != values:
            fail(f"{where}: series {ws['name']!r} values {list(got.values)}, deck.json has {values}")
    # "Edit data" opens this workbook: it must hold the same numbers.
    blob = chart.part.chart_workbook.xlsx_part.blob
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).worksheets[0]
    if sheet["A1"].value != want["title"]:
        fail(f"{where}: workbook A1 is {sheet['A1'].value!r}, expected the title {want['title']!r}")
    for r, cat in enumerate(want["categories"], start=2):
        if sheet.cell(r, 1).value != cat:
            fail(f"{where}: workbook A{r} is {sheet.cell(r, 1).value!r}, expected {cat!r}")
    for c, ws in enumerate(want["series"], start=2):
        if sheet.cell(1, c).value != ws["name"]:
            fail(f"{where}: workbook row 1 column {c} is {sheet.cell(1, c).value!r}, expected {ws['name']!r}")
        for r, v in enumerate(ws["values"], start=2):
            cell = sheet.cell(r, c).value
            if (None if cell is None else float(cell)) != as_float(v):
                fail(f"{where}: workbook cell ({r},{c}) is {cell!r}, expected {v!r}")


def check_plan_numbers(where, want, plans, fail):
    """The chart's numbers are the plan's: KPI values, budget amounts and spending."""
    matched = 0
    money = want["kind"] == "doughnut" or want["parts"] or want["title"].startswith(("金额", "Amount"))
    for ws in want["series"]:
        field = SERIES_FIELDS.get(ws["name"])
        if field is None:
            continue
        if money or field in ("amount", "spent"):
            source = [plan_amounts([p], "spent" if field == "spent" else "amount") for p in plans]
            scale = 1
        else:
            source = [plan_kpis([p], field) for p in plans]
            scale = 10_000 if want["suffix"] == "万" else 1
        for cat, v in zip(want["categories"], ws["values"]):
            # A year-end deck's charts come from either plan.
            found = [
                x for x in (
                    (s.get(cat) if money else actual_of(s, cat, want["title"])) for s in source
                ) if x is not None
            ]
            if v is None or not found:
                continue
            matched += 1
            if Fraction(v) * scale not in found:
                fail(f"{where}: {cat!r} {ws['name']} is {v}{want['suffix']} in the chart, the plans say {found}")
    if not matched:
        fail(f"{where}: no value of chart {want['title']!r} could be found in the plan")


def check_charts(prs, deck, plans, expected_charts, fail):
    seen = {}
    for i, (slide, want) in enumerate(zip(prs.slides, deck["slides"]), start=1):
        where = f"slide {i} ({want['id']})"
        charts = [s.chart for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
        wanted = deck_charts(want["body"])
        if len(charts) != len(wanted):
            fail(f"{where}: {len(charts)} native charts, deck.json has {len(wanted)}")
            continue
        for k, (chart, w) in enumerate(zip(charts, wanted)):
            check_chart(f"{where} chart {k + 1}", chart, w, fail)
            if plans:
                check_plan_numbers(f"{where} chart {k + 1}", w, plans, fail)
            seen.setdefault(w["title"], []).append([as_float(v) for v in w["series"][0]["values"]])
    # Several charts may share a title (last year's spending and next
    # year's split are both 金额（¥）): one of them must hold the values.
    for title, values in expected_charts.items():
        if values not in seen.get(title, []):
            fail(f"no chart {title!r} with values {values} (charts: {seen})")


def pdfinfo(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def check_pdf(pptx, deck, artifacts, fail):
    """Converts with LibreOffice; checks pages and that no word leaves its page."""
    n = len(deck["slides"])
    with tempfile.TemporaryDirectory(prefix="almanac-e2e-lo-") as tmp:
        tmp = Path(tmp)
        profile = (tmp / "profile").as_uri()
        cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(tmp), str(pptx)]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
        pdf = tmp / (pptx.stem + ".pdf")
        if run.returncode != 0 or not pdf.exists():
            fail(f"LibreOffice could not convert the deck: {run.stdout.strip()} {run.stderr.strip()}")
            return
        pages = pdfinfo(pdf)
        if pages != n:
            fail(f"LibreOffice's PDF has {pages} pages, expected {n}")
        bbox = tmp / "bbox.html"
        subprocess.run(["pdftotext", "-bbox", str(pdf), str(bbox)], check=True)
        ns = {"x": "http://www.w3.org/1999/xhtml"}
        root = ET.parse(bbox).getroot()
        for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
            pw, ph = float(page.get("width")), float(page.get("height"))
            for word in page.findall("x:word", ns):
                x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
                if x0 < -TOL or y0 < -TOL or x1 > pw + TOL or y1 > ph + TOL:
                    fail(f"LibreOffice page {number}: word {word.text!r} at "
                         f"({x0:.0f},{y0:.0f})–({x1:.0f},{y1:.0f}) leaves the {pw:.0f}×{ph:.0f} page")
        if artifacts:
            shutil.copy(pdf, artifacts / "deck-pptx.pdf")
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(artifacts / "pptx")], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deck", required=True, type=Path)
    ap.add_argument("--kind", required=True)
    ap.add_argument("--expect")
    ap.add_argument("--plan", type=Path)
    ap.add_argument("--artifacts", type=Path)
    args = ap.parse_args()

    deck = json.loads((args.deck / "deck.json").read_text(encoding="utf-8"))
    expected = {}
    if args.expect:
        table = json.loads((HERE / "expect.json").read_text(encoding="utf-8"))
        expected = {"texts": table[args.expect], "charts": table["charts"].get(args.expect, {})}
    plans = load_plans(args.plan) if args.plan else []
    if args.artifacts:
        args.artifacts.mkdir(parents=True, exist_ok=True)

    failures = []
    fail = failures.append
    if deck["kind"] != args.kind:
        fail(f"deck.json kind is {deck['kind']}, expected {args.kind}")
    pptx = args.deck / "deck.pptx"
    try:
        check_package(pptx, deck, expected, plans, fail)
    except Exception as e:  # a package python-pptx cannot read is a failure, not a crash
        fail(f"python-pptx cannot read {pptx.name}: {type(e).__name__}: {e}")
    check_pdf(pptx, deck, args.artifacts, fail)

    for f in dict.fromkeys(failures):
        print(f"FAIL pptx {deck['id']}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
