"""The loader: positions of keys and values, and the YAML it refuses."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_file, load_text

from .conftest import REPO


def rules(problems):
    return [(p.line, p.col, p.rule) for p in problems]


def test_positions_of_values_keys_and_block_text():
    doc, problems = load_text("a: 1\nb:\n  c: |\n    hello\n    world {{ x }}\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": 1, "b": {"c": "hello\nworld {{ x }}\n"}}
    assert (doc.source.value(("a",)).line, doc.source.value(("a",)).col) == (1, 4)
    assert (doc.source.key(("b", "c")).line, doc.source.key(("b", "c")).col) == (3, 3)
    # line 2, column 7 of the block text is `{{` on file line 5, column 11
    pos = doc.source.in_text(("b", "c"), 2, 7)
    assert (pos.line, pos.col) == (5, 11)


def test_duplicate_key_is_an_error_naming_the_first():
    _, problems = load_text("title: a\nsummary: s\ntitle: b\n", "f.yaml")
    assert rules(problems) == [(3, 1, "duplicate-key")]
    assert "first defined at line 1" in problems[0].message


def test_aliases_are_refused():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    doc, problems = load_text(bomb, "f.yaml")
    assert doc.data is None
    assert rules(problems) == [(1, 4, "yaml-alias")]


def test_tab_indentation_is_located():
    _, problems = load_text("a:\n\tb: 1\n", "f.yaml")
    assert rules(problems) == [(2, 1, "yaml-syntax")]
    assert "spaces" in problems[0].message


def test_unclosed_quote_points_where_it_opened():
    _, problems = load_text('a: 1\nb: "open\nc: 2\n', "f.yaml")
    assert rules(problems) == [(2, 4, "yaml-syntax")]


def test_root_must_be_a_mapping():
    assert rules(load_text("- a\n- b\n", "f.yaml")[1]) == [(1, 1, "not-a-mapping")]
    assert rules(load_text("just text\n", "f.yaml")[1]) == [(1, 1, "not-a-mapping")]
    assert rules(load_text("", "f.yaml")[1]) == [(1, 1, "empty-file")]


def test_bom_and_windows_line_endings_just_work(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    doc, problems = load_file(path, "x.yaml")
    assert problems == []
    assert doc.data == {"a": 1, "b": "two"}


def test_non_utf8_byte_is_located(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    _, problems = load_file(path, "x.yaml")
    assert rules(problems) == [(2, 7, "encoding")]


def test_invalid_date_is_located():
    _, problems = load_text("on: 2026-13-01\n", "f.yaml")
    assert rules(problems) == [(1, 5, "yaml-value")]
    assert "YYYY-MM-DD" in problems[0].message


def test_file_that_disappeared_is_reported_not_raised(tmp_path: Path):
    doc, problems = load_file(tmp_path / "gone.yaml", "playbooks/delivery/gone.yaml")
    assert doc.data is None
    assert rules(problems) == [(1, 1, "unreadable")]
    assert "No such file" in problems[0].message


def test_libyaml_and_python_parsers_give_the_same_document(monkeypatch):
    """libyaml's C parser loads most files; its values, positions and problems equal the Python path's."""
    import generator.load as load

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "playbooks").rglob("*.yaml"))]
    texts.append('a: "héllo wörld ✓"\nb: [ü, é]\nc: |\n  naïve café\n  ✓ done 😀\nd: x\nd: y\n')
    fast = [load.load_text(t, "x.yaml") for t in texts]
    assert load._FastLoader is not None, "PyYAML was built without libyaml"
    monkeypatch.setattr(load, "_FastLoader", None)
    slow = [load.load_text(t, "x.yaml") for t in texts]
    for (d1, p1), (d2, p2) in zip(fast, slow, strict=True):
        assert d1.data == d2.data and d1.source == d2.source
        assert [d.text() for d in p1] == [d.text() for d in p2]
    assert [d.rule for d in fast[-1][1]] == ["duplicate-key"]


def test_the_fast_loader_tags_every_node_as_the_stock_one_does():
    """The loader that remembers plain scalars' tags and skips the path bookkeeping composes the
    same tree, tag for tag and mark for mark, as libyaml's stock safe loader."""
    import yaml

    import generator.load as load

    tricky = (
        "a: yes\nb: no\nc: ~\nd: null\ne: 1e3\nf: 0x1F\ng: 2026-12-03\nh: 12:30\ni: '1'\n"
        'j: "true"\nk: !!str 123\nl: ! 123\nm: .inf\nn: -.5\no: [1, two, 3.0, False]\n'
        "p: {q: on, r: off}\ns: |\n  12\nt: >\n  true\nu: 2026-12-03 10:00:00\nv: ''\nw:\n"
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "playbooks").rglob("*.yaml"))]
    texts += [tricky, tricky]  # twice: the second time the remembered tags answer

    def walk(node):
        yield (type(node).__name__, node.tag, node.start_mark.index, node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                yield from walk(k)
                yield from walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item)
        else:
            yield ("value", node.value, node.style)

    for text in texts:
        stock = yaml.CSafeLoader(text)
        fast = load._FastLoader(text)
        try:
            assert list(walk(fast.get_single_node())) == list(walk(stock.get_single_node()))
        finally:
            stock.dispose()
            fast.dispose()


def test_anchors_still_refused_whichever_parser_would_run():
    from generator.load import load_text

    _, problems = load_text("base: &b {x: 1}\nother: *b\n", "x.yaml")
    assert [(d.line, d.col, d.rule) for d in problems] == [(1, 7, "yaml-alias")]
