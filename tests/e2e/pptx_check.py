"""Checks one PPTX slide deck with python-pptx, then through LibreOffice.

    python3 pptx_check.py --deck DIR --kind KIND [--expect NAME] [--artifacts DIR]

DIR holds deck.pptx and deck.json. KIND is the deck kind deck.json must
declare; NAME is a key of expect.json: texts the deck must hold. The PDF
that LibreOffice makes and its pages as PNG go to the artifacts folder.
Prints one line per failure and exits 1 if there was any.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

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


def check_package(path, deck, expected, fail):
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
    for t in expected:
        if t not in whole:
            fail(f"text {t!r} is on no slide")


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
    ap.add_argument("--artifacts", type=Path)
    args = ap.parse_args()

    deck = json.loads((args.deck / "deck.json").read_text(encoding="utf-8"))
    expected = []
    if args.expect:
        expected = json.loads((HERE / "expect.json").read_text(encoding="utf-8"))[args.expect]
    if args.artifacts:
        args.artifacts.mkdir(parents=True, exist_ok=True)

    failures = []
    fail = failures.append
    if deck["kind"] != args.kind:
        fail(f"deck.json kind is {deck['kind']}, expected {args.kind}")
    pptx = args.deck / "deck.pptx"
    try:
        check_package(pptx, deck, expected, fail)
    except Exception as e:  # a package python-pptx cannot read is a failure, not a crash
        fail(f"python-pptx cannot read {pptx.name}: {type(e).__name__}: {e}")
    check_pdf(pptx, deck, args.artifacts, fail)

    for f in dict.fromkeys(failures):
        print(f"FAIL pptx {deck['id']}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
