"""The demo's options on the Python side, derived from the option table the package was built from
(``_static/options.json``: ``optionSpecs()`` and ``limits()`` of the WebAssembly module, written by
scripts/package-widget.mjs), so that no name, default, range or choice is typed here.

The checks refuse what the page refuses, with the page's sentences (checked against the module's own in
tests/test_messages.py); an option is named as Python spells it (``learning_rate`` for ``learningRate``).
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from typing import Any, Sequence

import numpy as np

#: The option table: ``[{name, kind, default, min, max, choices, allowed, label, ...}]``, sections, limits.
TABLE: dict = json.loads(resources.files(__package__).joinpath("_static/options.json").read_text("utf-8"))


def snake(name: str) -> str:
    """An option's Python name: ``learningRate`` -> ``learning_rate``."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


#: Option specs by their Python names (``data`` is one too: the widget carries it as bytes).
SPECS: dict[str, dict] = {snake(s["name"]): s for s in TABLE["specs"]}

#: Sections ``hide`` can name.
SECTIONS: list[str] = TABLE["sections"]


class OptionError(ValueError):
    """A refused option or argument: the message names it and what it allows; ``field`` is the option's
    Python name (or ``compare``, ``data``, ``option``) and ``allowed`` what it takes, in words."""

    def __init__(self, message: str, field: str, allowed: str):
        super().__init__(message)
        self.field = field
        self.allowed = allowed


def _trim_zeros(s: str) -> str:
    return s.rstrip("0").rstrip(".") if "." in s else s


def _scientific(v: float, digits: int) -> str:
    mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
    return f"{_trim_zeros(mantissa)}e{int(exponent):+d}"


def short_number(v: float, digits: int = 4) -> str:
    """A number in at most about ten characters, as the page's messages write it (gmm-core's
    ``format::short_number``): ``0.25``, ``223.5``, ``1e-6``, ``-1.235e+100``, ``NaN``, ``inf``."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    if 1e-3 <= abs(v) < 1e5:
        decimals = min(max(digits - 1 - math.floor(math.log10(abs(v))), 0), 20)
        s = f"{v:.{decimals}f}"
        if len(s.lstrip("-").split(".")[0]) <= max(digits, 5):
            return _trim_zeros(s)
    return _scientific(v, digits)


def short_count(v: float) -> str:
    """A value where a count belongs: a whole number below 1e12 in full, else :func:`short_number`."""
    if math.isfinite(v) and v == int(v) and abs(v) < 1e12:
        return str(int(v))
    return short_number(v)


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``."""
    d = [[i] + [0] * len(b) for i in range(len(a) + 1)]
    for j in range(1, len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def nearest_name(name: str, known: Sequence[str]) -> str | None:
    """The known name ``name`` is most likely a misspelling of (at most 2 edits, and at most a third of its
    length), as the page's near-names.js decides; or None."""
    best, best_distance = None, math.inf
    if len(name) > 40:
        return None
    for candidate in known:
        distance = _edit_distance(name.lower(), candidate.lower())
        if distance <= 2 and distance <= len(candidate) // 3 and distance < best_distance:
            best, best_distance = candidate, distance
    return best


def unknown_option(caller: str, name: str, known: Sequence[str]) -> OptionError:
    """The refusal of an option name that is none of ``known`` (naming the likely one), as mount() words it."""
    meant = nearest_name(name, known)
    hint = f" (did you mean {meant}?)" if meant else ""
    return OptionError(
        f"{caller}: unknown option {json.dumps(name)}{hint}; the options are {', '.join(known)}",
        "option",
        f"one of {', '.join(known)}",
    )


def _refused(name: str, shown: str, allowed: str) -> OptionError:
    return OptionError(f"{name} = {shown} is not allowed: {name} must be {allowed}", name, allowed)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _shown(value: Any) -> str:
    """A refused value as the page quotes it: text in quotes, a number short, anything else by its repr."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if _is_number(value):
        return short_count(float(value))
    return repr(value)


def check_option(name: str, value: Any) -> Any:
    """Returns ``value`` as the demo takes it (``None``: the preset's or the default value), or raises
    :class:`OptionError` with the page's sentence. ``name`` is the Python name of an option other than
    ``data`` (see :func:`check_data`)."""
    if value is None:
        return None
    spec = SPECS[name]
    kind = spec["kind"]
    if kind == "components":
        return check_components(name, value)
    if kind == "choice":
        values = [c["value"] for c in spec["choices"]]
        numeric = all(isinstance(v, (int, float)) for v in values)
        if (numeric and _is_number(value) and float(value) in values) or (not numeric and value in values):
            return int(value) if numeric and float(value) == int(value) else value
        raise _refused(name, _shown(value), spec["allowed"])
    if not _is_number(value) or not math.isfinite(float(value)):
        raise _refused(name, _shown(value), "a number")
    v = float(value)
    whole = kind in ("whole", "seed")
    if (whole and v != int(v)) or not spec["min"] <= v <= spec["max"]:
        raise _refused(name, short_count(v) if whole else short_number(v), spec["allowed"])
    return int(v) if whole else v


#: A number as Rust's ``str::parse::<f64>`` reads one (Python's ``float()`` also takes ``1_000``, which the page
#: refuses).
_RUST_FLOAT = re.compile(r"[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)", re.IGNORECASE)


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def _text_triples(text: str) -> list[list[float]] | str:
    """The components of ``text`` (groups separated by ``,`` or ``;``, three numbers by ``:``), or the
    complaint about the first group that is not three numbers."""
    groups = [g.strip() for g in re.split("[,;]", text)]
    triples = []
    for i, group in enumerate(g for g in groups if g):
        parts = [p.strip() for p in group.split(":")]
        if len(parts) != 3 or not all(_RUST_FLOAT.fullmatch(p) for p in parts):
            return f"component {i + 1} is {json.dumps(_clip(group), ensure_ascii=False)}, not weight:mean:sigma"
        triples.append([float(p) for p in parts])
    return triples


def check_components(name: str, value: Any) -> str | list[float]:
    """A list of mixture components for ``truth`` or ``start``, as the page reads them (gmm-core's
    ``run::components``): the text ``"0.25:1:0.5,0.75:-0.5:1"``, ``(weight, mean, sigma)`` triples, or
    the JS API's flat list ``[w1, m1, s1, w2, ...]`` (triples are passed on flat). 1 to 10 components, each weight above 0 and finite, each
    mean and sigma within the option's limits (``limits()["truthMean"]`` ...). Raises :class:`OptionError`
    with the page's sentence."""
    allowed = SPECS[name]["allowed"]
    if isinstance(value, str):
        given, triples = json.dumps(_clip(value), ensure_ascii=False), _text_triples(value)
        passed: str | list[float] = value
    elif isinstance(value, (list, tuple, np.ndarray)) and all(_is_number(v) for v in value):
        # The JS API's form: flat triples [w1, m1, s1, w2, ...].
        passed = [float(v) for v in value]
        given = f"a list of {len(passed)} numbers"
        if len(passed) % 3:
            raise _refused(name, f"{given} ({len(passed)} is not a multiple of 3)", allowed)
        triples = [passed[i:i + 3] for i in range(0, len(passed), 3)]
    elif isinstance(value, (list, tuple, np.ndarray)):
        rows = [list(t) if isinstance(t, (list, tuple, np.ndarray)) else None for t in value]
        if any(r is None or len(r) != 3 or not all(_is_number(v) for v in r) for r in rows):
            raise _refused(name, _shown(value), "a text weight:mean:sigma,... or a list of (weight, mean, sigma) "
                           f"triples: {allowed}")
        triples = [[float(v) for v in r] for r in rows]
        passed = [v for r in triples for v in r]
        given = f"a list of {len(passed)} numbers"
    else:
        raise _refused(name, _shown(value), allowed)
    if isinstance(triples, str):
        raise _refused(name, f"{given} ({triples})", allowed)
    k_lo, k_hi = TABLE["limits"]["k"]
    if not k_lo <= len(triples) <= k_hi:
        raise _refused(name, f"{given} ({len(triples)} components)", allowed)
    m_lo, m_hi = TABLE["limits"][f"{name}Mean"]
    s_lo, s_hi = TABLE["limits"][f"{name}Sigma"]
    for i, (w, m, s) in enumerate(triples):
        bad = (("weight", w) if not (w > 0 and math.isfinite(w)) else ("mean", m) if not m_lo <= m <= m_hi
               else ("sigma", s) if not s_lo <= s <= s_hi else None)
        if bad:
            raise _refused(name, f"{given} (component {i + 1}: {bad[0]} {short_number(bad[1])})", allowed)
    return passed


def components_count(value: str | list[float]) -> int:
    """How many components a value :func:`check_components` accepted has."""
    return len(value) // 3 if isinstance(value, list) else len(_text_triples(value))


def check_data(values: Any) -> np.ndarray:
    """Your own data as the demo fits them: a 1-D array of finite float64 values within the limits (N from
    the option ``n``'s range, each value within the module's ``limits().data``). Raises
    :class:`OptionError` (``field="data"``) with the page's sentence for the first bad value."""
    try:
        x = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise OptionError(f"data must be a 1-D array of numbers ({e})", "data", "a 1-D array of numbers") from None
    if x.ndim != 1:
        raise OptionError(f"data must be a 1-D array of numbers, not an array of shape {x.shape}", "data",
                          "a 1-D array of numbers")
    n = SPECS["n"]
    if not n["min"] <= x.size <= n["max"]:
        allowed = f"between {n['min']} and {n['max']}"
        raise OptionError(f"n = {x.size} is not allowed: n must be {allowed}", "data", f"{allowed} values")
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        i = int(bad[0])
        raise OptionError(f"data: data point {i + 1} is {short_number(x[i])}; every data point must be a finite number",
                          "data", "finite numbers")
    lo, hi = TABLE["limits"]["data"]
    big = np.flatnonzero((x < lo) | (x > hi))
    if big.size:
        i = int(big[0])
        raise OptionError(f"data: data point {i + 1} is {short_number(x[i])}; data must lie between "
                          f"{short_number(lo)} and {short_number(hi)} (rescale the data)", "data",
                          f"numbers between {short_number(lo)} and {short_number(hi)}")
    return x


def check_mixture(logits: Any, means: Any, lsigmas: Any) -> tuple[list[float], list[float], list[float]]:
    """A mixture in the homework's parameterisation (weights ``softmax(logits)``, sigmas ``exp(lsigmas)``) as
    three lists of floats, or :class:`OptionError` (``field="compare"``) with the page's sentence (lengths
    that differ, a value that is not finite, a logit or log sigma outside the module's ``limits()``)."""
    allowed = "K >= 1 logits, K means and K log sigmas, each a finite number"
    vectors = []
    for label, given in (("logits", logits), ("means", means), ("lsigmas", lsigmas)):
        try:
            v = np.asarray(given, dtype=np.float64)
        except (TypeError, ValueError):
            raise OptionError(f"compare: {label} must be a list of numbers", "compare", allowed) from None
        if v.ndim != 1:
            raise OptionError(f"compare: {label} must be a list of numbers, not an array of shape {v.shape}",
                              "compare", allowed)
        vectors.append(v)
    a, m, s = vectors
    if a.size == 0:
        raise OptionError("a mixture needs at least one component (K >= 1)", "compare", allowed)
    if not a.size == m.size == s.size:
        raise OptionError(f"parameter vectors must have equal length K, got {a.size} logits, {m.size} means, "
                          f"{s.size} log-sigmas", "compare", allowed)
    for field, v in (("logits", a), ("means", m), ("log_sigmas", s)):
        bad = np.flatnonzero(~np.isfinite(v))
        if bad.size:
            i = int(bad[0])
            raise OptionError(f"{field}[{i}] is {short_number(v[i])}; every parameter must be a finite number",
                              "compare", allowed)
    lo, hi = TABLE["limits"]["logits"]
    out = np.flatnonzero((a < lo) | (a > hi))
    if out.size:
        i = int(out[0])
        raise OptionError(f"logits[{i}] is {short_number(a[i])}; it must lie in [{short_number(lo)}, {short_number(hi)}] "
                          "so that the weights softmax(logits) keep their precision (shift all logits by the same "
                          "amount: the weights do not change)", "compare", allowed)
    lo, hi = TABLE["limits"]["logSigmas"]
    out = np.flatnonzero((s < lo) | (s > hi))
    if out.size:
        i = int(out[0])
        raise OptionError(f"log_sigmas[{i}] is {short_number(s[i])}; it must lie in [{short_number(lo)}, "
                          f"{short_number(hi)}] so that sigma = exp(log_sigma) and 1/sigma^2 are positive, finite "
                          "numbers (sigma from about 1e-150 to 1e307)", "compare", allowed)
    return a.tolist(), m.tolist(), s.tolist()
