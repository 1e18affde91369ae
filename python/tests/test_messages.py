"""The widget refuses what the page refuses, with the page's sentences: each case is checked by the release
wasm module itself (checkOptions() and Demo.compare(), run in Node by page_messages.mjs), never against a
sentence typed here. Python names an option as Python spells it (learning_rate for learningRate)."""

import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

from gmm_two_ways import Demo, OptionError
from gmm_two_ways.options import SPECS, check_mixture, short_number, snake

HERE = Path(__file__).resolve().parent

# (JS name, value): values each refused by the page on its own.
REFUSED = [
    ("k", 0), ("k", 11), ("k", 2.5), ("n", 0), ("n", 2000000), ("dataSeed", -1), ("initSeed", 4294967296),
    ("learningRate", -1), ("learningRate", 1e9), ("learningRate", 0.00000012345), ("eta", 4.5), ("varianceFloor", 2),
    ("maxSteps", 0), ("tolerance", 1.5), ("preset", "classical"), ("init", "random"), ("optimizer", "sgd"),
    ("secondMethod", "newton"), ("adaptive", "yes"), ("speed", 7), ("lossView", "nll"), ("stepAxis", "time2"),
    ("learningRate", "NaN"), ("k", "inf"),
    # Mixtures by hand: text, or the JS API's flat triples.
    ("truth", "0.5:1"), ("truth", "0.5:1:0.1, abc"), ("truth", "1_0:0:1"), ("truth", "0:0:1"), ("truth", "1:2e6:1"),
    ("truth", "1:0:1e-7"), ("truth", "1:0:nan"), ("truth", ",".join(["1:0:1"] * 11)), ("truth", "x" * 70),
    ("truth", 3), ("start", "1:0:1e-101"), ("start", [1, 0, 1, 2]), ("start", [1, 0, "NaN"]), ("start", ";"),
]
# Whole runs the page refuses (a start whose number of components is not K), each checked by building it.
REFUSED_RUNS = [{"start": "1:0:1,1:1:1", "k": 3}, {"start": "1:0:1"}, {"start": [1, 0, 1, 1, 1, 1], "preset": "classic"}]
# Mixtures the page refuses: (logits, means, log sigmas).
BAD_MIXTURES = [
    ([0, 0], [1], [0, 0]), ([0], ["NaN"], [0]), ([0, 1e7], [0, 1], [0, 0]), ([0], [0], [-400]), ([0], [0], [800.5]),
    (["inf"], [0], [0]), ([], [], []),
]
# Data sets the page refuses.
BAD_DATA = [[1.0, "NaN", 2.0], [0.0, 1e101], ["-inf"], [-3e100, 1.0], []]


def number(v):
    return {"NaN": math.nan, "inf": math.inf, "-inf": -math.inf}.get(v, v) if isinstance(v, str) else v


def value(v):
    """An option's value with JSON's stand-ins for NaN and the infinities replaced (in a list too)."""
    return [number(x) for x in v] if isinstance(v, list) else number(v)


@pytest.fixture(scope="module")
def page():
    asked = {"options": [{name: value} for name, value in REFUSED], "compare": [list(m) for m in BAD_MIXTURES],
             "data": BAD_DATA, "builds": REFUSED_RUNS}
    out = subprocess.run(["node", str(HERE / "page_messages.mjs")], input=json.dumps(asked), text=True,
                         capture_output=True, check=True, cwd=HERE.parents[1])
    return json.loads(out.stdout)


@pytest.mark.parametrize("case", range(len(REFUSED)), ids=[f"{n}={v}" for n, v in REFUSED])
def test_a_refused_option_raises_the_pages_message(page, case):
    name, v = REFUSED[case]
    (expected,) = page["options"][case]  # the page refuses it, with one message
    python = snake(name)
    with pytest.raises(OptionError) as refused:
        Demo(**{python: value(v)})
    assert str(refused.value) == expected.replace(name, python)
    assert refused.value.field == python
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize("case", range(len(REFUSED_RUNS)), ids=[str(r) for r in REFUSED_RUNS])
def test_a_start_with_the_wrong_number_of_components_raises_the_pages_message(page, case):
    expected = page["builds"][case]
    assert expected, "the page refuses this run"
    with pytest.raises(OptionError) as refused:
        Demo(**REFUSED_RUNS[case])
    assert str(refused.value) == expected
    assert refused.value.field == "start"


def test_triples_are_the_flat_list_the_page_takes():
    demo = Demo(k=2, start=[(0.5, -1, 0.5), (0.5, 1, 0.25)], truth="0.25:1:0.5;0.75:-0.5:1")
    assert demo.start == [0.5, -1.0, 0.5, 0.5, 1.0, 0.25]
    assert demo.truth == "0.25:1:0.5;0.75:-0.5:1"
    with pytest.raises(OptionError, match=r"^start = \[\(0.5, -1\), \(1, 2, 3\)\] is not allowed: start must be a text"):
        Demo(k=2, start=[(0.5, -1), (1, 2, 3)])
    with pytest.raises(OptionError, match=r"^start = 2 components is not allowed: start must be 3 components"):
        demo.k = 3  # K must follow the start's number of components
    demo.start = None
    demo.k = 3


@pytest.mark.parametrize("case", range(len(BAD_MIXTURES)), ids=[str(m) for m in BAD_MIXTURES])
def test_a_refused_mixture_raises_the_pages_message(page, case):
    expected = page["compare"][case]
    assert expected, "the page refuses this mixture"
    a, m, s = ([number(v) for v in vector] for vector in BAD_MIXTURES[case])
    with pytest.raises(OptionError) as refused:
        Demo(k=2).compare(logits=a, means=m, lsigmas=s)
    assert str(refused.value) == expected
    assert refused.value.field == "compare"


@pytest.mark.parametrize("case", range(len(BAD_DATA)), ids=[str(d) for d in BAD_DATA])
def test_refused_data_raise_the_pages_message(page, case):
    expected = page["data"][case]
    assert expected, "the page refuses these data"
    with pytest.raises(OptionError) as refused:
        Demo(data=np.array([number(v) for v in BAD_DATA[case]], dtype=float))
    assert str(refused.value) == expected
    assert refused.value.field == "data"


def test_data_must_be_one_dimensional():
    with pytest.raises(OptionError, match=r"^data must be a 1-D array of numbers, not an array of shape \(2, 3\)$"):
        Demo(data=np.zeros((2, 3)))


def test_short_number_writes_numbers_as_the_page_does():
    # The cases of gmm-core's own unit test of format::short_number.
    for value, text in [(1.0, "1"), (0.25, "0.25"), (1.6304, "1.63"), (223.456, "223.5"), (-0.0012346, "-0.001235"),
                        (12345.0, "12345"), (99999.7, "1e+5"), (1e-6, "1e-6"), (-1.2346e100, "-1.235e+100")]:
        assert short_number(value) == text


def test_a_good_mixture_is_three_lists_of_floats():
    a, m, s = check_mixture(np.array([0, 1]), [0.5, -1], (0.0, -2.0))
    assert (a, m, s) == ([0.0, 1.0], [0.5, -1.0], [0.0, -2.0])
