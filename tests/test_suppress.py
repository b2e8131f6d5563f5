from pathlib import Path

import pytest

from transcheck.document import Document
from transcheck.findings import Finding, Severity, Span
from transcheck.suppress import comment_spans, parse_directives


def finding_at(text: str, word: str, rule: str = "repeated-word") -> Finding:
    start = text.index(word)
    return Finding(rule, Severity.WARNING, "m", Span(start, start + len(word)))


def directives_for(text: str):
    doc = Document("x", text, masked=comment_spans(text))
    return parse_directives(text, doc.paragraphs, ["repeated-word", "double-space"])


def test_disable_enable_range():
    text = (
        "alpha one\n\n<!-- transcheck-disable repeated-word -->\n\nbeta two\n\n"
        "<!-- transcheck-enable repeated-word -->\n\ngamma three\n"
    )
    d = directives_for(text)
    kept = d.filter([finding_at(text, w) for w in ("alpha", "beta", "gamma")])
    assert [text[f.span.start : f.span.end] for f in kept] == ["alpha", "gamma"]


def test_disable_only_named_rule():
    text = "<!-- transcheck-disable double-space -->\nbeta two\n"
    d = directives_for(text)
    assert d.filter([finding_at(text, "beta")]) != []
    assert d.filter([finding_at(text, "beta", "double-space")]) == []


def test_disable_all_without_names_to_end_of_file():
    text = "alpha\n\n<!-- transcheck-disable -->\n\nbeta\n"
    d = directives_for(text)
    kept = d.filter([finding_at(text, "alpha"), finding_at(text, "beta", "double-space")])
    assert [f.rule for f in kept] == ["repeated-word"]


def test_disable_next_paragraph_only():
    text = "<!-- transcheck-disable-next repeated-word -->\nbeta one\nstill beta\n\ngamma\n"
    d = directives_for(text)
    kept = d.filter([finding_at(text, w) for w in ("beta", "still", "gamma")])
    assert [text[f.span.start : f.span.end] for f in kept] == ["gamma"]


def test_unknown_rule_in_directive_is_reported():
    text = "<!-- transcheck-disable no-such-rule -->\ntext\n"
    assert [name for _, name in directives_for(text).unknown_rules] == ["no-such-rule"]


def test_ordinary_comments_are_masked_but_not_directives():
    text = "<!-- editor: check this -->\nalpha\n"
    d = directives_for(text)
    assert d.suppressions == ()
    assert len(d.comments) == 1


# -- directives shown inside Markdown code are text, not directives --------------------

DIRECTIVE = "<!-- transcheck-disable -->"


def suppressed(path: str, text: str) -> bool:
    """Whether a repeated-word finding on the last paragraph ("Le le chat") is suppressed,
    with the document read as the CLI reads it (its masked regions)."""
    from transcheck.formats import detect_format, read_path

    document = read_path(path, text, detect_format(path, None)).document
    directives = parse_directives(
        text, document.paragraphs, ["repeated-word"], masked=document.masked
    )
    return directives.filter([finding_at(text, "Le le")]) == []


@pytest.mark.parametrize(
    "text",
    [
        f"# T\n\n```html\n{DIRECTIVE}\n```\n\nLe le chat.\n",
        f"# T\n\n~~~~\n```\n{DIRECTIVE}\n~~~~\n\nLe le chat.\n",  # ``` inside a ~~~~ fence
        f"# T\n\n```\n<!-- x -->\n\n{DIRECTIVE}\n```\n\nLe le chat.\n",
        f"# T\n\nUtilisez `{DIRECTIVE}` ici.\n\nLe le chat.\n",
        f"# T\n\nUtilisez `` `a` {DIRECTIVE} `` ici.\n\nLe le chat.\n",
        f"# T\n\n    {DIRECTIVE}\n\nLe le chat.\n",
        f"# T\n\n    code\n    {DIRECTIVE}\n\nLe le chat.\n",  # second line of a block
        f"# T\n\n\t{DIRECTIVE}\n\nLe le chat.\n",  # a tab is four columns
        f"- item\n\n      {DIRECTIVE}\n\nLe le chat.\n",  # code inside a list item
    ],
    ids=[
        "fence",
        "tilde-fence",
        "fence-blank-line",
        "inline",
        "double-backtick",
        "indented",
        "indented-2nd-line",
        "tab",
        "list-item-code",
    ],
)
def test_directive_inside_markdown_code_is_not_obeyed(text: str) -> None:
    assert not suppressed("doc.md", text)


@pytest.mark.parametrize(
    "text",
    [
        f"# T\n\n{DIRECTIVE}\n\nLe le chat.\n",
        f"# T\n\n```\ncode\n```\n{DIRECTIVE}\n\nLe le chat.\n",  # after a closed fence
        f"# T\n\n```\ncode\n```\n\n<!-- a -->\n{DIRECTIVE}\n\nLe le chat.\n",
        f"# T\n\nUtilisez `x` ici.{DIRECTIVE}\n\nLe le chat.\n",  # inline code closed before
        f"# T\n\nTexte `a`{DIRECTIVE}\n\nLe le chat.\n",
        f"- item\n\n    {DIRECTIVE}\n\nLe le chat.\n",  # an item's paragraph, not code
        f"   {DIRECTIVE}\n\nLe le chat.\n",  # three spaces: not code
    ],
    ids=[
        "own-line",
        "after-fence",
        "after-fence-and-comment",
        "after-inline",
        "touching-inline",
        "list-item-paragraph",
        "three-spaces",
    ],
)
def test_directive_outside_markdown_code_is_obeyed(text: str) -> None:
    assert suppressed("doc.md", text)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("doc.txt", f"Note:\n\n    {DIRECTIVE}\n\nLe le chat.\n"),  # plain text: no code
        ("doc.html", f"<pre>{DIRECTIVE}</pre><p>Le le chat.</p>"),  # a real comment in HTML
        ("doc.html", f"<p><code>{DIRECTIVE}</code></p><p>Le le chat.</p>"),
    ],
)
def test_directive_in_other_formats_is_obeyed(path: str, text: str) -> None:
    assert suppressed(path, text)


def test_directive_without_masked_regions_is_obeyed_as_before() -> None:
    text = f"Utilisez `{DIRECTIVE}` ici.\n\nLe le chat.\n"
    doc = Document("x", text, masked=comment_spans(text))
    directives = parse_directives(text, doc.paragraphs, ["repeated-word"])
    assert directives.filter([finding_at(text, "Le le")]) == []


def test_directive_shown_in_markdown_code_end_to_end(tmp_path) -> None:
    # the whole pipeline passes the masked regions: documentation of the directive in
    # code turns nothing off; the same directive on its own line does
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config

    shown = tmp_path / "shown.md"
    shown.write_text(f"# T\n\nUtilisez `{DIRECTIVE}` ici.\n\nLe le chat dort.\n", "utf-8")
    real = tmp_path / "real.md"
    real.write_text(f"# T\n\n{DIRECTIVE}\n\nLe le chat dort.\n", "utf-8")
    report = check_paths([str(shown), str(real)], Config(mt="none", lang="fr"), RunOptions())
    rules = {Path(r.path).name: [f.rule for f in r.findings] for r in report.files}
    assert rules == {"shown.md": ["repeated-word"], "real.md": []}
