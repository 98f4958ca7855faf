"""Input checks shared by every public function.

Each check turns its input into a float array, raises a ``ValueError`` that
names the parameter, the offending value and the allowed range, and gives back
a function that returns results in the caller's type (scalar, array or
pandas Series).
"""

from __future__ import annotations

from typing import Callable, Iterable

import numpy as np
import pandas as pd

Restore = Callable[[np.ndarray], object]


def _restorer(value) -> Restore:
    """Return a function that puts a result back into ``value``'s type."""
    if isinstance(value, pd.Series):
        index, name = value.index, value.name
        return lambda result: pd.Series(result, index=index, name=name)
    if np.ndim(value) == 0:
        return lambda result: float(np.asarray(result).reshape(()))
    return lambda result: np.asarray(result)


def _range_text(minimum, maximum, min_inclusive, max_inclusive) -> str:
    left = "[" if min_inclusive and minimum is not None else "("
    right = "]" if max_inclusive and maximum is not None else ")"
    low = "-inf" if minimum is None else f"{minimum:g}"
    high = "inf" if maximum is None else f"{maximum:g}"
    return f"a finite number in {left}{low}, {high}{right}"


def checked_array(
    name: str,
    value,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    min_inclusive: bool = True,
    max_inclusive: bool = True,
    unit: str = "",
) -> tuple[np.ndarray, Restore]:
    """Validate a numeric input and return it as a float array.

    Parameters
    ----------
    name : str
        The parameter's name, quoted in the error message.
    value : float, array-like or pandas.Series
        The input.
    minimum, maximum : float, optional
        Allowed range; ``None`` means unbounded.
    min_inclusive, max_inclusive : bool
        Whether the bounds themselves are allowed.
    unit : str
        Unit shown in the error message, e.g. ``"kWh"``.

    Returns
    -------
    array : numpy.ndarray
        ``value`` as float64.
    restore : callable
        Turns a result array back into the type of ``value``.

    Raises
    ------
    ValueError
        If any element is not a number, is NaN or infinite, or is outside the
        allowed range.
    """
    allowed = _range_text(minimum, maximum, min_inclusive, max_inclusive)
    if unit:
        allowed += f" [{unit}]"
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, bool):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    if hasattr(value, "central") and hasattr(value, "unit"):
        # An aiwatt.Estimate: never read its numbers in a unit it may not have.
        raise ValueError(
            f"{name} takes plain numbers [{unit or 'no unit'}]; got a band in {value.unit!r}: pass one value "
            f"(for example band.central, converted to {unit or 'the right unit'}) or use a function that takes bands"
        )
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be {allowed}; got {value!r}") from None
    bad = ~np.isfinite(array)
    if minimum is not None:
        bad |= array < minimum if min_inclusive else array <= minimum
    if maximum is not None:
        bad |= array > maximum if max_inclusive else array >= maximum
    if bad.any():
        offending = float(array[bad].flat[0]) if array.ndim else float(array)
        where = "" if array.ndim == 0 else f" (element {int(np.flatnonzero(bad.ravel())[0])})"
        raise ValueError(f"{name} must be {allowed}; got {offending!r}{where}")
    return array, _restorer(value)


def checked_scalar(name: str, value, **limits) -> float:
    """Like :func:`checked_array` for an input that must be a single number."""
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be a single number; got an array of shape {np.shape(value)}")
    array, _ = checked_array(name, value, **limits)
    return float(array)


def closest_names(name: str, valid: Iterable[str], n: int = 3) -> list[str]:
    """The valid names that look most like ``name`` (case-insensitive)."""
    import difflib  # only needed on the error path; keeps ``import aiwatt`` light

    valid = list(valid)
    lowered = {v.lower(): v for v in valid}
    matches = difflib.get_close_matches(str(name).lower(), list(lowered), n=n, cutoff=0.4)
    return [lowered[m] for m in matches]


def unknown_name_error(kind: str, name, valid: Iterable[str]) -> ValueError:
    """A ``ValueError`` for an unknown name that lists valid names and close matches."""
    valid = list(valid)
    close = closest_names(name, valid)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return ValueError(f"unknown {kind} {name!r}.{hint} Valid {kind}s: {', '.join(valid)}.")



def common_restorer(*values) -> Restore:
    """The restorer for a result broadcast from several inputs.

    A pandas Series among the inputs wins (its index is kept), then an array;
    with scalars only, the result is a float.
    """
    for value in values:
        if isinstance(value, pd.Series):
            return _restorer(value)
    for value in values:
        if np.ndim(value) > 0:
            return _restorer(value)
    return _restorer(0.0)


def aligned(**values) -> list:
    """The inputs in order, with every pandas Series put in the first Series's label order.

    Arithmetic on NumPy arrays pairs elements by position; two Series with the
    same labels in a different order would be paired wrongly. Series that hold
    the same labels are reordered to the first one's order; Series with
    different labels raise, since there is no right way to pair them.

    Parameters
    ----------
    **values
        The function's inputs, by parameter name.

    Raises
    ------
    ValueError
        If two Series have different labels (or repeated labels), naming both
        parameters.

    Examples
    --------
    >>> a = pd.Series([1.0, 2.0], index=["x", "y"])
    >>> b = pd.Series([20.0, 10.0], index=["y", "x"])
    >>> list(aligned(a=a, b=b)[1])
    [10.0, 20.0]
    """
    first_name, first = None, None
    out = []
    for name, value in values.items():
        if isinstance(value, pd.Series):
            if first is None:
                first_name, first = name, value
                if not value.index.is_unique:
                    raise ValueError(f"{name} must have unique index labels")
            elif not value.index.equals(first.index):
                if not value.index.is_unique or set(value.index) != set(first.index) or len(value) != len(first):
                    raise ValueError(
                        f"{name} and {first_name} are pandas Series with different index labels; "
                        "align them first (for example with .reindex) so that each value meets its partner"
                    )
                value = value.reindex(first.index)
        out.append(value)
    return out


def finite_result(name: str, result, restore: Restore | None = None):
    """Refuse a result that overflowed or is not a number; else pass it through ``restore``.

    Raises
    ------
    ValueError
        If any element of ``result`` is NaN or infinite, naming the result.
    """
    array = np.asarray(result, dtype=float)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} is not a finite number (an input is too large or too small for floating point)")
    return restore(array) if restore is not None else array
