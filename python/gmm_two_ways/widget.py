"""The notebook widget: :class:`Demo`, an anywidget whose front end (``_static/widget.js``) is the page's demo
with the wasm inlined. Its traitlets are the option table's options in snake_case plus ``data``, ``hide`` and
``autoplay``; the front end sends back the settings after every change and the state while it runs."""

from __future__ import annotations

import copy
import math
from importlib import resources
from typing import Any

import anywidget
import numpy as np
import traitlets

from .options import (SECTIONS, SPECS, OptionError, check_data, check_mixture, check_option, components_count,
                      nearest_name, unknown_option)

_STATIC = resources.files(__package__).joinpath("_static")


class _Option(traitlets.TraitType):
    """One option of the table: ``None`` (the preset's or the default value) or a value the page accepts."""

    def __init__(self, name: str, spec: dict):
        super().__init__(default_value=None, allow_none=True, help=f"{spec['label']}: {spec['allowed']}")
        self.option = name

    def validate(self, obj: Any, value: Any) -> Any:
        return check_option(self.option, value)


class _Data(traitlets.TraitType):
    """Your own data (a 1-D array of finite numbers, see :func:`check_data`), or ``None`` for sampled data."""

    def __init__(self):
        super().__init__(default_value=None, allow_none=True, help="your own data: a 1-D array of numbers")

    def validate(self, obj: Any, value: Any) -> Any:
        return None if value is None else check_data(value)


def _data_to_json(value: np.ndarray | None, widget: Any) -> Any:
    # Sent as raw little-endian float64 bytes (a binary buffer of the comm, not a JSON list).
    return None if value is None else memoryview(np.ascontiguousarray(value, dtype="<f8")).cast("B")


def _keep(value: Any, widget: Any) -> Any:
    # The front end never changes the data; it has no JSON form to read back.
    return widget.data


def _hide(value: Any) -> list[str]:
    names = value.split() if isinstance(value, str) else list(value)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown or not all(isinstance(n, str) for n in names):
        named = ", ".join(f'"{n}"' + (f" (did you mean {m}?)" if (m := nearest_name(str(n), SECTIONS)) else "")
                          for n in unknown or names)
        raise OptionError(f"hide: unknown part {named}; the parts are {', '.join(SECTIONS)}", "hide",
                          f"any of {', '.join(SECTIONS)}")
    return names


#: The option traitlets, one per option of the table (``data`` apart), each synced with the front end.
_OPTION_TRAITS = {name: _Option(name, spec).tag(sync=True) for name, spec in SPECS.items() if name != "data"}

#: The traitlets of the option table, as a base class (so that no option is typed here).
_DemoOptions = type("_DemoOptions", (anywidget.AnyWidget,), dict(_OPTION_TRAITS))


class Demo(_DemoOptions):
    """The demo in a notebook cell: ``Demo(preset="classic", data=numpy_array, k=5, learning_rate=0.05, ...)``.

    Every option of the page is a traitlet (snake_case; ``None``: the preset's or the default value), carried
    both ways; ``data`` is your own 1-D array (``None``: sampled from the preset's truth); ``hide`` names
    sections to leave out (a list or one string, as on the page); ``autoplay`` starts it. A refused value
    raises :class:`OptionError` (a ``ValueError``) with the page's message, before anything changes.
    ``state`` is what the demo shows, once it is displayed; ``compare(...)`` shows your own fitted mixture.
    """

    _esm = _STATIC.joinpath("widget.js").read_text("utf-8")

    data = _Data().tag(sync=True, to_json=_data_to_json, from_json=_keep)
    hide = traitlets.List(traitlets.Unicode()).tag(sync=True)
    autoplay = traitlets.Bool(False).tag(sync=True)
    #: The mixture shown beside the fits, ``{logits, means, lsigmas}`` or ``None`` (set by :meth:`compare`).
    comparison = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    #: The demo's last refusal or failure in the front end ("" when none), e.g. K larger than your data.
    error = traitlets.Unicode("").tag(sync=True)
    #: ``handle.state()`` of the front end, sent while it runs (see :attr:`state`).
    _state = traitlets.Dict().tag(sync=True)

    def __init__(self, **options: Any):
        known = [*_OPTION_TRAITS, "data", "hide", "autoplay"]
        for name in options:
            if name not in known:
                raise unknown_option("Demo", name, known)
        if "hide" in options:
            options["hide"] = _hide(options["hide"])
        super().__init__(**options)
        self._check_k_fits_data()
        self._check_start_fits_k()

    @traitlets.validate("hide")
    def _valid_hide(self, proposal: Any) -> list[str]:
        return _hide(proposal["value"])

    @traitlets.validate("k")
    def _valid_k(self, proposal: Any) -> Any:
        k = check_option("k", proposal["value"])
        self._check_k_fits_data(k=k)
        self._check_start_fits_k(k=k)
        return k

    @traitlets.validate("start")
    def _valid_start(self, proposal: Any) -> Any:
        start = check_option("start", proposal["value"])
        self._check_start_fits_k(start=start)
        return start

    def _k_in_effect(self, k: Any) -> int:
        """K as the run will have it: the option, else the preset's, else the table's default."""
        if k is not None:
            return k
        preset = self.preset if self.preset is not None else SPECS["preset"]["default"]
        sets = next(c["sets"] for c in SPECS["preset"]["choices"] if c["value"] == preset)
        return int(dict(sets).get("k", SPECS["k"]["default"]))

    def _check_start_fits_k(self, k: Any = False, start: Any = False) -> None:
        """A start by hand has K components: the page's refusal of any other number, raised here."""
        start = getattr(self, "start", None) if start is False else start
        if start is None:
            return
        k = self._k_in_effect(self.k if k is False else k)
        n = components_count(start)
        if n != k:
            raise OptionError(f"start = {n} components is not allowed: start must be {k} components, as many as k "
                              f"(or set k to {n})", "start", f"{k} components")

    @traitlets.validate("data")
    def _valid_data(self, proposal: Any) -> Any:
        data = None if proposal["value"] is None else check_data(proposal["value"])
        self._check_k_fits_data(data=data)
        return data

    def _check_k_fits_data(self, k: Any = False, data: Any = False) -> None:
        """K components need K data points: the page's refusal, raised here rather than in the front end."""
        k = self.k if k is False else k
        data = self.data if data is False else data
        if k is not None and data is not None and k > data.size:
            raise OptionError(f"data: {k} components need at least {k} data points, but there are only "
                              f"{data.size}; lower K or add data", "k", f"at most {data.size}")

    @property
    def state(self) -> dict:
        """What the demo shows, as the front end last sent it: ``step``, ``finished``, ``n``, ``k``,
        ``truthLoss``, ``truth``, ``comparison`` (with its ``loss``, or ``None``), and for ``direct`` (the first
        panel) and ``em`` (the second) their ``loss``, ``weights``, ``means``, ``sigmas``, ``status``,
        ``method``, ``steps``. Raises ``RuntimeError`` before the widget has been displayed."""
        if not self._state:
            raise RuntimeError("demo.state comes from the demo once it is shown: display the widget (end a cell "
                               "with `demo`) and run that cell first")
        return copy.deepcopy(self._state)

    def compare(self, logits: Any, means: Any, lsigmas: Any) -> None:
        """Shows your own mixture (weights ``softmax(logits)``, means, sigmas ``exp(lsigmas)``: the homework's
        parameterisation) dotted on both density panels, with its loss on the demo's data, which arrives in
        ``state["comparison"]["loss"]``. Raises :class:`OptionError` with the page's message for a bad
        mixture (lengths that differ, a value that is not finite, a logit or log sigma out of range)."""
        a, m, s = check_mixture(logits, means, lsigmas)
        self.comparison = {"logits": a, "means": m, "lsigmas": s}

    def clear_comparison(self) -> None:
        """Removes your mixture from both panels."""
        self.comparison = None

    def play(self) -> None:
        """Starts both methods stepping (in every view of this widget)."""
        self.send({"type": "play"})

    def pause(self) -> None:
        """Pauses them."""
        self.send({"type": "pause"})

    def step(self, n: int = 1) -> None:
        """Takes ``n`` steps (0 to the step limit's maximum) of both methods; the state follows."""
        top = SPECS["max_steps"]["max"]
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 0 <= n <= top:
            shown = n if isinstance(n, (int, float)) and math.isfinite(n) else repr(n)
            raise OptionError(f"steps = {shown} is not allowed: steps must be a whole number between 0 and {top}",
                              "steps", f"a whole number between 0 and {top}")
        self.send({"type": "step", "n": int(n)})
