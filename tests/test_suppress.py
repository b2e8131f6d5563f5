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
