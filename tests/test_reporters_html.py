"""The HTML report: structure and escaping checked on the string with html.parser,
layout checked in a real headless Chromium (skipped locally without it, required in CI).

The reports come from real checks of small texts written for these tests: an
untranslated paragraph, a misplaced quotation mark, a name variant and a
number that is not in the source.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import require
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from transcheck.api import RunOptions, check_paths, fix_paths
from transcheck.config import Config
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity, Span
from transcheck.reporters import OutputFormat, render
from transcheck.reporters import html as html_report

SOURCE = "\n\n".join(
    [
        "Capítulo uno",
        "Tomás Riabkov llegó a la estación a las ocho de la mañana. "
        "Riabkov llevaba una maleta pequeña y un paraguas negro.",
        "El jefe de estación miró a Riabkov con desconfianza. "
        "«¿Viene usted de la capital?», preguntó.",
        "Él no respondió. Miró el reloj y pensó en su hermano, "
        "que lo esperaba en el pueblo desde hacía tres días.",
        "El tren siguiente salía a las nueve. "
        "Riabkov compró un billete y se sentó en un banco de madera.\n",
    ]
)

DRAFT = "\n\n".join(
    [
        "Chapter one",
        "Tomas Riabkov arrived at the station at eight in the morning. "
        "Riabkov carried a small suitcase and a black umbrella.",
        'The stationmaster looked at Riabkov with suspicion. ”Are you coming from the capital?" '
        "he asked.",
        # Left in Spanish: the untranslated paragraph.
        "Él no respondió. Miró el reloj y pensó en su hermano, "
        "que lo esperaba en el pueblo desde hacía tres días.",
        "The next train left at nine. "
        "Ryabkov bought a ticket & sat down on a wooden bench <script>alert(1)</script>.\n",
    ]
)

# A second draft without a source: CRLF line ends, a name variant, an unclosed quotation.
PLAIN = (
    "The harbour was quiet that night.\r\n\r\n"
    "Anna Kowalczyk wrote to her sister. Kowalczyk signed it twice, "
    "and Kowalczyk sealed it.\r\n\r\n"
    "Her sister, Kovalczyk, never answered the letter “that came too late.\r\n"
)

HOSTILE_MESSAGE = 'say "hi" & <b>bye</b> </mark><script>alert(2)</script>'


@dataclass
class Parsed:
    """What the page contains, as html.parser sees it."""

    ids: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    # data-f -> text inside that finding's mark pieces, in document order
    mark_text: dict[str, str] = field(default_factory=dict)
    mark_pieces: Counter[str] = field(default_factory=Counter)
    doc_text: list[str] = field(default_factory=list)  # one entry per <pre class="doc">
    style_text: str = ""
    unclosed: list[str] = field(default_factory=list)
    stray_end_tags: list[str] = field(default_factory=list)


VOID = {"meta", "br", "link", "img", "input", "hr", "wbr", "col", "area", "base", "source"}


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()
        self.stack: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.result.tags.append((tag, attributes))
        if "id" in attributes:
            self.result.ids.append(attributes["id"] or "")
        if tag == "mark":
            self.result.mark_pieces[attributes.get("data-f") or ""] += 1
        if tag == "pre" and "doc" in (attributes.get("class") or ""):
            self.result.doc_text.append("")
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.result.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.result.stray_end_tags.append(tag)
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        open_tags = [tag for tag, _ in self.stack]
        if "style" in open_tags:
            self.result.style_text += data
        if "pre" in open_tags and any(
            tag == "pre" and "doc" in (attrs.get("class") or "") for tag, attrs in self.stack
        ):
            self.result.doc_text[-1] += data
        for tag, attrs in self.stack:
            if tag == "mark":
                key = attrs.get("data-f") or ""
                self.result.mark_text[key] = self.result.mark_text.get(key, "") + data

    def close(self) -> None:
        super().close()
        self.result.unclosed = [tag for tag, _ in self.stack]


def parse(page: str) -> Parsed:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser.result


# -- reports from real checks ----------------------------------------------------


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    paths = {
        "source": folder / "source.es.txt",
        "draft": folder / 'draft "one" & <two>.en.txt',
        "plain": folder / "plain.en.txt",
    }
    paths["source"].write_text(SOURCE, encoding="utf-8")
    paths["draft"].write_text(DRAFT, encoding="utf-8")
    paths["plain"].write_bytes(PLAIN.encode("utf-8"))
    return paths


@pytest.fixture(scope="module")
def draft_report(texts: dict[str, Path]) -> Report:
    return check_paths(
        [str(texts["draft"])], Config(mt="none"), RunOptions(source=str(texts["source"]))
    )


EDGE_TEXT = "One “quote here\nand a crossing pair, then 𝒜 wide\nend.\n"


def edge_result() -> FileResult:
    """Made-up findings for the shapes real rules rarely produce together: an empty span
    (an insertion point), two crossing spans, a span across a line break, astral text."""
    document = Document(path="edge.txt", text=EDGE_TEXT, lang="en")
    at = EDGE_TEXT.index
    spans = [
        (at("quote"), at("quote")),  # empty
        (at("crossing"), at("pair") + 4),
        (at("pair"), at("then") + 4),  # crosses the previous one
        (at("wide"), at("end") + 3),  # across the line break
        (at("𝒜"), at("𝒜") + 1),
    ]
    findings = [
        Finding(rule="edge", severity=Severity(n % 3), message=f"edge {n}", span=Span(a, b))
        for n, (a, b) in enumerate(spans)
    ]
    return FileResult(path="edge.txt", document=document, findings=findings)


@pytest.fixture(scope="module")
def report(draft_report: Report, texts: dict[str, Path]) -> Report:
    """The draft with its source, a plain CRLF text, an input error, and made-up edge cases."""
    plain = check_paths([str(texts["plain"])], Config(mt="none")).files[0]
    missing = FileResult(path=str(texts["plain"].parent / "missing<&>.txt"), error="no such file")
    return Report(files=[draft_report.files[0], plain, missing, edge_result()])


def test_checks_found_what_the_texts_contain(draft_report: Report) -> None:
    """The highlights below come from real findings of several rules."""
    result = draft_report.files[0]
    assert result.document is not None and result.error is None
    rules = {f.rule for f in result.findings}
    assert {"quote-direction", "untranslated-passage", "name-variant"} <= rules
    spans = [f.span for f in result.findings]
    assert len(set(spans)) < len(spans), "expected findings sharing a span (nested marks)"


def findings_of(report: Report) -> list[tuple[int, FileResult, Finding]]:
    """(page-wide number, file, finding), numbered as the page numbers them."""
    out, number = [], 0
    for result in report.files:
        for finding in result.findings:
            number += 1
            out.append((number, result, finding))
    return out


# -- the page as a string ---------------------------------------------------------


def test_page_is_well_formed_with_unique_ids(report: Report) -> None:
    parsed = parse(html_report.render_page(report))
    assert parsed.unclosed == []
    assert parsed.stray_end_tags == []
    assert len(parsed.ids) == len(set(parsed.ids))
    numbered = findings_of(report)
    for number, _, _ in numbered:
        assert f"f-{number}" in parsed.ids  # the mark
        assert f"l-{number}" in parsed.ids  # the list item
    links = [a.get("href") for tag, a in parsed.tags if tag == "a" and a.get("href")]
    assert all(link.startswith("#") and link[1:] in parsed.ids for link in links)
    assert {f"#f-{n}" for n, _, _ in numbered} <= set(links)


def test_every_mark_holds_exactly_its_span(report: Report) -> None:
    parsed = parse(html_report.render_page(report))
    marks = [a for tag, a in parsed.tags if tag == "mark"]
    numbered = findings_of(report)
    assert len({a["data-f"] for a in marks}) == len(numbered)
    for number, result, finding in numbered:
        assert result.document is not None
        expected = result.document.text[finding.span.start : finding.span.end]
        assert parsed.mark_text.get(str(number), "") == expected, finding
        first = next(a for a in marks if a.get("id") == f"f-{number}")
        assert first["class"].split()[0] == f"sev-{finding.severity.label}"
        assert first["data-rule"] == finding.rule
        assert (first["data-start"], first["data-end"]) == (
            str(finding.span.start),
            str(finding.span.end),
        )
        assert first["title"].split("\n")[0] == f"{finding.rule}: {finding.message}"


def test_crossing_spans_are_split_in_pieces(report: Report) -> None:
    parsed = parse(html_report.render_page(report))
    first = sum(len(r.findings) for r in report.files[:3])
    pieces = [parsed.mark_pieces[str(first + n)] for n in range(1, 6)]
    assert pieces == [1, 1, 2, 1, 1]


def test_fixed_files_say_what_was_fixed(texts: dict[str, Path]) -> None:
    report = fix_paths(
        [str(texts["draft"])],
        Config(mt="none"),
        RunOptions(source=str(texts["source"])),
        write=False,
    )
    result = report.files[0]
    assert result.fix is not None and result.fix.changed
    page = html_report.render_page(report)
    assert "Fixed " in page and "quote-direction" in page
    assert parse(page).doc_text == [result.fix.text]


def test_document_text_is_kept_exactly(report: Report) -> None:
    parsed = parse(html_report.render_page(report))
    documents = [r.document.text for r in report.files if r.document is not None]
    assert parsed.doc_text == documents
    assert "\r\n" in parsed.doc_text[1]  # CR survives as &#13;


def test_counts_by_severity_and_by_rule(draft_report: Report) -> None:
    result = draft_report.files[0]
    page = html_report.render_page(draft_report)
    rows = re.findall(
        r'<tr><td class="rule">([^<]*)</td><td><span class="badge sev-(\w+)">\w+</span></td>'
        r'<td class="num">(\d+)</td></tr>',
        page,
    )
    expected = Counter((f.rule, f.severity.label) for f in result.findings)
    assert {(html.unescape(r), s): int(n) for r, s, n in rows} == expected
    for label, count in draft_report.by_severity().items():
        if count:
            noun = label if count == 1 else {"error": "errors", "warning": "warnings"}[label]
            assert f'<span class="badge sev-{label}">{count} {noun}</span>' in page
    items = re.findall(r'<li id="l-\d+" value="\d+" class="sev-(\w+)">', page)
    assert Counter(items) == Counter(f.severity.label for f in result.findings)


def test_findings_list_has_position_suggestion_and_related(draft_report: Report) -> None:
    result = draft_report.files[0]
    assert result.document is not None
    page = html_report.render_page(draft_report)
    variant = next(f for f in result.findings if f.rule == "name-variant")
    line, column = result.document.position(variant.span.start)
    number = result.findings.index(variant) + 1
    assert f'<a class="where" href="#f-{number}">{line}:{column}</a>' in page
    assert f"Suggestion: {variant.suggestion}" in page
    assert "also at " in page


def test_everything_is_escaped(report: Report, texts: dict[str, Path]) -> None:
    result = report.files[0]
    assert result.document is not None
    hostile = Finding(
        rule="x-rule",
        severity=Severity.ERROR,
        message=HOSTILE_MESSAGE,
        span=Span(0, 7),
        suggestion='"&<i>',
    )
    findings = sorted([*result.findings, hostile], key=lambda f: (f.span.start, f.span.end))
    page = html_report.render_page(Report(files=[replace(result, findings=findings)]))
    parsed = parse(page)
    assert not any(tag in ("script", "b", "i") for tag, _ in parsed.tags)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert parsed.unclosed == [] and parsed.stray_end_tags == []
    titles = [
        a["title"] for tag, a in parsed.tags if tag == "mark" and a.get("data-rule") == "x-rule"
    ]
    assert titles and titles[0].startswith(f"x-rule: {HOSTILE_MESSAGE}")
    path = str(texts["draft"])
    assert html.escape(path) in page and path not in page  # the path has " & < >
    assert "Suggestion: &quot;&amp;&lt;i&gt;" in page
    assert parsed.doc_text == [result.document.text]


def test_no_external_resources(report: Report) -> None:
    page = html_report.render_page(report)
    parsed = parse(page)
    url_attributes = {
        "src",
        "href",
        "srcset",
        "action",
        "poster",
        "data",
        "background",
        "xlink:href",
    }
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed")
        for name, value in attrs.items():
            if name in url_attributes:
                assert value is not None and value.startswith("#"), (tag, name, value)
            assert not re.search(r"https?:|//", value or "") or name in ("title", "content")
    style = parsed.style_text
    assert style and "url(" not in style and "@import" not in style
    assert not re.search(r"https?://", style)
    csp = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_mt_table_without_mt(draft_report: Report) -> None:
    result = draft_report.files[0]
    assert result.mt is not None and result.source is not None and result.document is not None
    page = html_report.render_page(draft_report)
    table = page[page.index('<table class="mt">') :]
    table = table[: table.index("</table>")]
    assert "<th>chrF</th>" not in table and "<th>MT</th>" not in table
    assert "sentence alignment only" in page
    rows = re.findall(r"<tr[ >].*?</tr>", table, flags=re.S)[1:]
    assert len(rows) == len(result.mt["segments"])
    for segment, row in zip(result.mt["segments"], rows, strict=True):
        if segment["source_span"]:
            start, end = segment["source_span"]
            assert html.escape(result.source.text[start:end]) in row
        if segment["draft_span"]:
            start, end = segment["draft_span"]
            assert html.escape(result.document.text[start:end]) in row


def test_mt_table_with_scores(draft_report: Report) -> None:
    result = draft_report.files[0]
    assert result.mt is not None
    mt = json.loads(json.dumps(result.mt))
    mt["backends"] = [
        {"backend": "fake:1<&>", "scores": {"chrf": 41.25, "bleu": 12.0}, "signature": "sig|x"}
    ]
    for n, segment in enumerate(mt["segments"]):
        segment["chrf"] = None if not segment["source"] else 10.0 + n
        segment["mt"] = f"MT <{n}> & more" if segment["source"] else None
        segment["suspicion"] = 0.9 if n == 0 else 0.1
    page = html_report.render_page(Report(files=[replace(result, mt=mt)]))
    assert "<th>chrF</th>" in page and "<th>MT</th>" in page
    assert "fake:1&lt;&amp;&gt;" in page and "chrf 41.2" in page and "bleu 12.0" in page
    assert '<td class="num">10.0</td>' in page
    assert "MT &lt;0&gt; &amp; more" in page
    assert page.count('class="suspect"') == 1


@pytest.mark.apertium
def test_real_mt_comparison(texts: dict[str, Path], apertium_es_en: str) -> None:
    report = check_paths(
        [str(texts["draft"])], Config(mt="apertium"), RunOptions(source=str(texts["source"]))
    )
    result = report.files[0]
    assert result.mt and result.mt["backends"]
    page = html_report.render_page(report)
    assert "<th>MT</th>" in page and "apertium" in page
    mt_cells = [s["mt"] for s in result.mt["segments"] if s["mt"]]
    assert mt_cells and all(html.escape(text) in page for text in mt_cells)
    parsed = parse(page)
    assert parsed.unclosed == [] and parsed.stray_end_tags == []


def test_registered_and_cli(texts: dict[str, Path], tmp_path: Path) -> None:
    out = io.StringIO()
    report = Report(files=[FileResult(path="x.txt", error="unreadable")])
    render(report, OutputFormat.HTML, out)
    assert out.getvalue().startswith("<!DOCTYPE html>") and "unreadable" in out.getvalue()

    from transcheck.cli import app

    target = tmp_path / "report.html"
    outcome = CliRunner().invoke(
        app,
        ["check", str(texts["plain"]), "--mt", "none", "--format", "html", "-o", str(target)],
    )
    assert outcome.exit_code in (0, 1), outcome.output
    page = target.read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>") and "plain.en.txt" in page


# -- the highlighting algorithm on its own ---------------------------------------------


def finding(start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(rule="r", severity=severity, message=f"{start}-{end}", span=Span(start, end))


def check_highlight(text: str, findings: list[Finding]) -> Parsed:
    numbers = list(range(1, len(findings) + 1))
    body = html_report.highlight(text, findings, numbers)
    parsed = parse(f'<pre class="doc">{body}</pre>')
    assert parsed.unclosed == [] and parsed.stray_end_tags == []
    assert parsed.doc_text == [text]
    ids = [i for i in parsed.ids]
    assert sorted(ids) == sorted(f"f-{n}" for n in numbers)
    for number, item in zip(numbers, findings, strict=True):
        assert parsed.mark_text.get(str(number), "") == text[item.span.start : item.span.end]
    return parsed


def test_nested_crossing_identical_and_empty_spans() -> None:
    text = "a<b>&c\"d'efgh\r\nij"
    findings = [
        finding(0, 17),  # everything
        finding(0, 5),
        finding(3, 8, Severity.ERROR),  # crosses 0-5
        finding(3, 5),
        finding(3, 5, Severity.ERROR),  # same span as the previous one
        finding(2, 2),  # empty: an insertion point
        finding(17, 17),  # empty at the very end
        finding(12, 16),  # across the CRLF
    ]
    parsed = check_highlight(text, findings)
    assert parsed.mark_pieces["3"] == 2  # split once where 0-5 closes
    assert all(parsed.mark_pieces[str(n)] == 1 for n in (1, 2, 4, 5, 6, 7, 8))


def test_no_findings_and_empty_text() -> None:
    check_highlight("", [])
    check_highlight("", [finding(0, 0)])
    check_highlight("plain text", [])


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'\r\n“é𝒜", max_size=30),
    raw=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8),
)
def test_highlight_property(text: str, raw: list[tuple[int, int]]) -> None:
    size = len(text)
    findings = [finding(min(a, b, size), min(max(a, b), size)) for a, b in raw]
    findings.sort(key=lambda f: (f.span.start, f.span.end))
    check_highlight(text, findings)


# -- in a real browser ------------------------------------------------------------------

LAYOUT_SCRIPT = """<script>
window.addEventListener("load", () => {
  const doc = (m) => m.closest("pre.doc");
  const out = {scripts: document.scripts.length, marks: {}};
  for (const m of document.querySelectorAll("mark[data-f]")) {
    const r = m.getBoundingClientRect();
    const before = document.createRange();
    before.setStart(doc(m), 0);
    before.setEnd(m, 0);
    const d = doc(m).getBoundingClientRect();
    const entry = out.marks[m.dataset.f] ||= {
      id: m.id, text: "", offset: before.toString().length, boxes: [],
      background: getComputedStyle(m).backgroundColor, cls: m.className};
    entry.text += m.textContent;
    entry.boxes.push({x: r.x, y: r.y, w: r.width, h: r.height,
      inside: r.left >= d.left - 1 && r.right <= d.right + 1 && r.top >= d.top - 1
        && r.bottom <= d.bottom + 1});
  }
  const pre = document.createElement("pre");
  pre.id = "layout";
  pre.hidden = true;
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path is not None, "chromium (apt-get install chromium)")
    assert path is not None
    return path


def run_chromium(path: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        path,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def with_layout_probe(page: str) -> str:
    """The page plus the probe script (the report itself has none; its CSP forbids scripts)."""
    probed = page.replace(
        f'content="{html.escape(html_report.CSP)}"',
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"",
    )
    assert probed != page
    return probed.replace("</body>", LAYOUT_SCRIPT + "</body>")


def hex_to_rgb(value: str) -> str:
    r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def browser_layout(report: Report, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = chromium_path()
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "report.html"
    page.write_text(with_layout_probe(html_report.render_page(report)), encoding="utf-8")
    done = run_chromium(
        path,
        folder / "profile",
        "--virtual-time-budget=2000",
        "--window-size=1200,2000",
        "--dump-dom",
        page.as_uri(),
    )
    match = re.search(r'<pre id="layout" hidden="">(.*?)</pre>', done.stdout, flags=re.S)
    assert match, f"no layout in the dumped DOM; stderr: {done.stderr[-2000:]}"
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.slow
def test_browser_marks_are_where_the_findings_are(report: Report, browser_layout: dict) -> None:
    marks = browser_layout["marks"]
    numbered = findings_of(report)
    assert len(marks) == len(numbered)
    error_bg = re.search(r"--err-bg: (#[0-9a-f]{6})", html_report.CSS)
    assert error_bg
    for number, result, item in numbered:
        assert result.document is not None
        text = result.document.text
        mark = marks[str(number)]
        assert mark["id"] == f"f-{number}"
        assert mark["text"] == text[item.span.start : item.span.end], item
        # The mark starts at the finding's offset (in UTF-16 units, as the browser counts).
        assert mark["offset"] == len(text[: item.span.start].encode("utf-16-le")) // 2, item
        for box in mark["boxes"]:
            assert box["w"] > 0 and box["h"] > 0, (item, box)
            assert box["inside"], (item, box)
        assert mark["cls"].split()[0] == f"sev-{item.severity.label}"
        if item.severity is Severity.ERROR:
            assert mark["background"] == hex_to_rgb(error_bg.group(1)), item
    # The <script> in the draft is text: only the probe script exists.
    assert browser_layout["scripts"] == 1


@pytest.mark.slow
def test_browser_marks_follow_reading_order(report: Report, browser_layout: dict) -> None:
    """A later finding on a later line is drawn lower on the page."""
    marks = browser_layout["marks"]
    result = report.files[0]
    assert result.document is not None
    by_line = {}
    for number, owner, item in findings_of(report):
        if owner is result:
            line = result.document.position(item.span.start)[0]
            by_line.setdefault(line, marks[str(number)]["boxes"][0]["y"])
    lines = sorted(by_line)
    assert len(lines) >= 3
    ys = [by_line[line] for line in lines]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


@pytest.mark.slow
def test_browser_screenshot(report: Report, tmp_path: Path) -> None:
    path = chromium_path()
    page = tmp_path / "report.html"
    page.write_text(html_report.render_page(report), encoding="utf-8")
    png = tmp_path / "report.png"
    done = run_chromium(
        path,
        tmp_path / "profile",
        f"--screenshot={png}",
        "--window-size=1200,2000",
        "--hide-scrollbars",
        page.as_uri(),
    )
    assert png.exists(), done.stderr[-2000:]
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB
