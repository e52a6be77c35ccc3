"""Every regular expression of the project is linear: checked by its structure (deterministic), and by timing
under the ``slow`` marker (a ratio of repeated runs with a wide margin)."""
from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import time
from re import _constants as sre_constants
from re import _parser as sre_parse

import pytest
from conftest import REFERENCE

import zhnews

_SINGLE_CHARACTER = {sre_constants.IN, sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.ANY,
                     sre_constants.CATEGORY}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
_OPTIONAL_MODULES = ("zhnews.outputs.spark",)  # modules whose import needs an extra that may be absent


def _collect(value, name: str, found: dict[str, re.Pattern[str]], depth: int = 0) -> None:
    """Patterns inside ``value``: itself, its items, or the fields of a zhnews object (dataclasses, named tuples,
    word-list holders), a few levels deep."""
    if depth > 3:
        return
    if isinstance(value, re.Pattern):
        found.setdefault(name, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{name}[{key}]", found, depth + 1)
    elif isinstance(value, list | tuple | frozenset | set):
        for i, item in enumerate(list(value)[:50]):
            _collect(item, f"{name}[{i}]", found, depth + 1)
    elif type(value).__module__.startswith("zhnews"):
        fields = (f.name for f in dataclasses.fields(value)) if dataclasses.is_dataclass(value) else (
            getattr(value, "_fields", None) or vars(value) if hasattr(value, "__dict__") or hasattr(value, "_fields")
            else ())
        for key in fields:
            _collect(getattr(value, key, None), f"{name}.{key}", found, depth + 1)


@pytest.fixture(scope="module")
def project_patterns(extractor) -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled regex of the project: module constants of every zhnews module, every pattern a lexicon
    built (after the pipeline ran once, so each layer's word lists are compiled) and the components' own."""
    from zhnews import lexicon

    extractor.extract(REFERENCE.read_text(encoding="utf-8"))
    found: dict[str, re.Pattern[str]] = {}
    for module in pkgutil.walk_packages(zhnews.__path__, "zhnews."):
        try:
            loaded = importlib.import_module(module.name)
        except ImportError:
            assert module.name.startswith(_OPTIONAL_MODULES), module.name
            continue
        for key, value in vars(loaded).items():
            if not isinstance(value, type) and not callable(value) or isinstance(value, re.Pattern):
                _collect(value, f"{module.name}.{key}", found)
    for build in lexicon.COMPILED:  # every word list compiled from the data files, whether a layer ran it or not
        _collect(build(), f"{build.__module__}.{build.__name__}()", found)
    lex = lexicon.load()
    _collect(dict(vars(lex)), "lexicon", found)
    for name, component in extractor.nlp.pipeline:
        _collect(component, name, found)
    return sorted(found.items())


def _unbounded_repeats(tree, out: list) -> None:
    for op, av in tree:
        if op in _REPEATS:
            low, high, body = av
            if high == sre_constants.MAXREPEAT:
                out.append(body)
            _unbounded_repeats(body, out)
        elif op == sre_constants.SUBPATTERN:
            _unbounded_repeats(av[-1], out)
        elif op == sre_constants.BRANCH:
            for branch in av[1]:
                _unbounded_repeats(branch, out)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            _unbounded_repeats(av[1], out)


def test_the_collection_sees_the_patterns_of_every_part(project_patterns):
    names = [name for name, _ in project_patterns]
    assert len(names) > 60
    for part in ("zhnews.text.normalize", "zhnews.pipeline.layers.reporters", "zhnews.pipeline.layers.directives",
                 "lexicon", "zhnews_leaders", "zhnews.archive.places", "zhnews.pipeline.ner.confirm.words()",
                 "zhnews.pipeline.figures.words.load()", "zhnews_project_stats"):
        assert any(name.startswith(part) for name in names), part


def test_no_pattern_repeats_anything_but_one_character_without_a_bound(project_patterns):
    """Catastrophic backtracking needs an unbounded repeat of something longer than one character (a group,
    a sequence, an alternation): every unbounded repeat here is of one character class."""
    found = []
    for name, pattern in project_patterns:
        repeats: list = []
        _unbounded_repeats(sre_parse.parse(pattern.pattern, pattern.flags), repeats)
        for body in repeats:
            if len(body) != 1 or body[0][0] not in _SINGLE_CHARACTER:
                found.append((name, pattern.pattern[:80]))
    assert not found, found


def _probes(pattern: re.Pattern[str]) -> list[str]:
    """Units to repeat: the pattern's own characters, alone and in pairs, and common delimiters."""
    chars = sorted({c for c in pattern.pattern if "\u4e00" <= c <= "\u9fff"})[:24] + list("0123456789、，。(（ ·")
    pairs = [a + b for a, b in zip(chars, chars[1:], strict=False)]
    return chars + pairs


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


@pytest.mark.slow
def test_every_regex_runs_in_linear_time(project_patterns):
    """16x the input takes about 16x the time; a quadratic scan takes about 256x. Each side keeps the fastest of
    five runs, taken in turn, and only a ratio over 100 counts, so a burst of load on a shared machine cannot
    make a linear pattern fail."""
    slow = []
    for name, pattern in project_patterns:
        for unit in _probes(pattern):
            small, large = unit * 500, unit * 8000
            small_runs, large_runs = [], []
            for _ in range(5):
                small_runs.append(_timed(lambda s=small, p=pattern: list(p.finditer(s))))
                large_runs.append(_timed(lambda s=large, p=pattern: list(p.finditer(s))))
            t_small, t_large = min(small_runs), min(large_runs)
            if t_large > 0.005 and t_large > 100 * max(t_small, 1e-5):
                slow.append((name, unit, t_small, t_large))
    assert not slow, slow
