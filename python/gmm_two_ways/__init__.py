"""gmm-two-ways in a notebook: :class:`Demo`, an anywidget that shows a 1-D Gaussian mixture fitted two ways
(gradient descent and EM) to sampled data or your own, with your own fitted mixture beside them."""

from ._static.version import __version__
from .options import OptionError
from .widget import Demo

__all__ = ["Demo", "OptionError", "__version__"]
