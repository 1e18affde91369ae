"""The widget's traitlets: one per option of the table (named from it, never typed here), validated before they
change, carried to the front end (data as a binary buffer) and back (settings and state), and the calls
that reach the front end as messages."""

import json

import numpy as np
import pytest

from gmm_two_ways import Demo, OptionError, __version__
from gmm_two_ways.options import SPECS, TABLE, snake


def option_names():
    return [snake(s["name"]) for s in TABLE["specs"] if s["name"] != "data"]


def test_every_option_of_the_table_is_a_synced_traitlet_that_defaults_to_the_pages_choice():
    demo = Demo()
    for name in option_names():
        trait = demo.traits()[name]
        assert trait.metadata.get("sync") is True, name
        assert getattr(demo, name) is None, f"{name}: None leaves it to the preset or the default"
    assert set(option_names()) <= set(demo.keys)
    assert TABLE["version"] == __version__


def test_every_preset_and_choice_of_the_table_is_accepted():
    for name, spec in SPECS.items():
        for choice in spec["choices"]:
            assert getattr(Demo(**{name: choice["value"]}), name) == choice["value"]


def test_a_value_changes_with_a_notice_and_a_refused_one_changes_nothing():
    demo = Demo(k=3)
    seen = []
    demo.observe(lambda change: seen.append((change["name"], change["new"])), names=["k", "learning_rate"])
    demo.k = 4
    demo.learning_rate = 0.5
    assert seen == [("k", 4), ("learning_rate", 0.5)]
    for name, bad in [("k", 0), ("learning_rate", "fast"), ("preset", "nope")]:
        with pytest.raises(OptionError):
            setattr(demo, name, bad)
    assert (demo.k, demo.learning_rate, demo.preset) == (4, 0.5, None)
    assert len(seen) == 2


def test_whole_numbers_are_ints_and_numbers_floats_as_the_front_end_gets_them():
    demo = Demo(k=np.int64(3), max_steps=400.0, learning_rate=1)
    state = demo.get_state()
    assert (state["k"], state["max_steps"], state["learning_rate"]) == (3, 400, 1.0)
    assert isinstance(state["k"], int) and isinstance(state["max_steps"], int) and isinstance(state["learning_rate"], float)
    json.dumps({k: v for k, v in state.items() if k != "data"})  # everything but the data is JSON


def test_data_go_to_the_front_end_as_float64_bytes_and_k_must_fit_them():
    x = np.linspace(-2, 3, 7).astype(np.float32)
    demo = Demo(data=x, k=2)
    assert demo.data.dtype == np.float64
    sent = demo.get_state(key="data")["data"]
    assert np.array_equal(np.frombuffer(bytes(sent), dtype="<f8"), x.astype(np.float64))
    with pytest.raises(OptionError, match="^data: 8 components need at least 8 data points, but there are only 7"):
        demo.k = 8
    with pytest.raises(OptionError, match="only 1;"):
        demo.data = [1.0]
    assert demo.k == 2 and demo.data.size == 7


def test_settings_and_state_from_the_front_end_reach_python():
    demo = Demo(preset="separated")
    with pytest.raises(RuntimeError, match="display the widget"):
        demo.state
    # As the front end sends them (a comm message's state): the preset's settings, then the run's state.
    demo.set_state({"k": 3, "learning_rate": 0.05, "_state": {"step": 12, "direct": {"loss": 1.5}, "em": {"loss": 1.4}}})
    assert (demo.k, demo.learning_rate) == (3, 0.05)
    state = demo.state
    assert state["step"] == 12 and state["em"]["loss"] == 1.4
    state["step"] = 0
    assert demo.state["step"] == 12, "state is a copy"


def test_compare_sets_the_mixture_shown_and_clear_removes_it():
    demo = Demo()
    demo.compare(logits=np.log([0.25, 0.75]), means=(-1, 2), lsigmas=[0.0, np.log(0.5)])
    assert demo.comparison == {"logits": pytest.approx(list(np.log([0.25, 0.75]))), "means": [-1.0, 2.0],
                               "lsigmas": pytest.approx([0.0, float(np.log(0.5))])}
    with pytest.raises(OptionError):
        demo.compare(logits=[0], means=[0, 1], lsigmas=[0])
    assert demo.comparison["means"] == [-1.0, 2.0], "a refused mixture keeps the one shown"
    demo.clear_comparison()
    assert demo.comparison is None


def test_play_pause_and_step_are_messages_to_the_front_end(monkeypatch):
    demo = Demo()
    sent = []
    monkeypatch.setattr(demo, "send", sent.append)
    demo.play()
    demo.step(5)
    demo.pause()
    assert sent == [{"type": "play"}, {"type": "step", "n": 5}, {"type": "pause"}]
    top = SPECS["max_steps"]["max"]
    for bad in [-1, 2.5, top + 1, "3"]:
        with pytest.raises(OptionError, match=f"must be a whole number between 0 and {top}$"):
            demo.step(bad)


def test_hide_takes_names_or_a_string_and_refuses_unknown_parts():
    assert Demo(hide="explain side").hide == ["explain", "side"]
    with pytest.raises(OptionError, match=r'^hide: unknown part "sidee" \(did you mean side\?\)'):
        Demo(hide=["sidee"])


def test_an_unknown_option_names_the_likely_one():
    with pytest.raises(OptionError, match=r'^Demo: unknown option "learningRate" \(did you mean learning_rate\?\)'):
        Demo(learningRate=0.1)


def test_the_front_end_is_inside_the_package_with_the_wasm():
    esm = Demo._esm
    assert "export default" in esm and "GMM_TWO_WAYS_WASM" in esm
    assert len(esm) > 500_000, "the wasm is inlined (base64)"
