"""Validate: decode a loaded YAML document into a typed model, every error located and explained.

Second half of the model stage. Pydantic reports errors by key path (`loc`); the loader's source
map turns each path back into `file:line:col`, and each message says how to fix the value.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, error
from .load import Document
from .model.common import IDENT_PATTERN, PLACEHOLDER_PATTERN, SLUG_PATTERN

M = TypeVar("M", bound=BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Find the model class inside an annotation such as `list[Reply] | None`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the mapping at `loc`, walking lists and dicts."""
    current: Any = model
    annotation: Any = None
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
            current = _container_item(annotation)
        else:
            current = _container_item(current) if not isinstance(current, type) else current
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _container_item(annotation: Any) -> Any:
    """For list[X] / dict[K, X] give X's model; for a model give the model itself."""
    direct = _unwrap(annotation)
    if direct is not None:
        return direct
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in args:
            found = _container_item(arg)
            if found is not None:
                return found
        return None
    if origin in (list, tuple, set, frozenset) and args:
        return _unwrap(args[0]) or args[0]
    if origin is dict and len(args) == 2:
        return _unwrap(args[1]) or args[1]
    return None


def describe_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _message(model: type[BaseModel], err: Any, value_loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    where = describe_loc(value_loc)
    field = str(value_loc[-1]) if value_loc else ""
    given = err.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, value_loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        hint = _suggest(field, allowed)
        listing = f" Allowed keys here: {', '.join(allowed)}." if allowed and not hint else ""
        return f"unknown key `{field}`{hint or '; remove it or fix its spelling.'}{listing}"
    if kind == "missing":
        owner = _model_at(model, value_loc[:-1])
        info = owner.model_fields.get(field) if owner else None
        what = f" ({info.description})" if info and info.description else ""
        return f"missing required key `{field}`{what}; add it"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        hint = _suggest(str(given), options)
        return f"`{where}` is `{given}`, which is not one of {', '.join(options)}{hint}"
    if kind == "string_pattern_mismatch":
        owner = _model_at(model, value_loc[:-1])
        info = owner.model_fields.get(field) if owner and isinstance(field, str) else None
        rule = info.description if info and info.description else "see `playbook schema`"
        return f"`{where}` is `{given}`, which is not allowed: {rule}"
    if kind in (
        "string_type",
        "int_type",
        "float_type",
        "bool_type",
        "list_type",
        "dict_type",
        "model_type",
        "date_type",
        "int_parsing",
        "float_parsing",
        "bool_parsing",
        "date_from_datetime_parsing",
        "date_parsing",
    ):
        shown = f"`{given}`" if not isinstance(given, (dict, list)) else type(given).__name__
        return f"`{where}`: {err['msg'].lower()}, got {shown}; fix the value"
    if kind == "value_error":
        return f"`{where}`: {err.get('ctx', {}).get('error', err['msg'])!s}"
    return f"`{where}`: {err['msg']}"


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a pydantic `loc` that are real keys or indexes in the data.

    Pydantic adds union-member tags (`str`, `constrained-float`, ...) to `loc`; they are
    not positions in the file, so they are dropped here.
    """
    kept: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            kept.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_union_tag(part):
            kept.append(part)  # a missing key: keep it so the message can name it
            node = None
    return tuple(kept)


def _is_union_tag(part: str) -> bool:
    return "[" in part or "-" in part or part in ("str", "int", "float", "bool", "date", "none")


# pattern -> (hint, separator used to turn the given value into an example)
_PATTERN_HINTS = {
    SLUG_PATTERN: ("use lower-case letters and digits joined by hyphens, e.g. `{}`", "-"),
    IDENT_PATTERN: ("use lower-case letters, digits and underscores, e.g. `{}`", "_"),
    PLACEHOLDER_PATTERN: ("use lower-case names joined by dots, e.g. `{}`", "_"),
}


def _pattern_hint(pattern: str, given: Any) -> str | None:
    if pattern not in _PATTERN_HINTS:
        return None
    template, sep = _PATTERN_HINTS[pattern]
    example = re.sub(r"[^a-z0-9]+", sep, str(given).lower()).strip(sep) or "example"
    return template.format(example)


def validate(document: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Decode `document.data` into `model`; on failure return None and located diagnostics."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    grouped: dict[tuple[Any, ...], list[Any]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if "[key]" in loc:
            loc = (*_data_path(document.data, loc[: loc.index("[key]")]), "[key]")
        else:
            loc = _data_path(document.data, loc)
        grouped.setdefault(loc, []).append(err)
    problems: list[Diagnostic] = []
    recovered = _recover(document.data, model, grouped)
    for loc, errs in grouped.items():
        err = errs[0]
        if loc and loc[-1] == "[key]":
            key_loc = loc[:-1]
            pos = document.source.key(key_loc)
            hint = _pattern_hint(err.get("ctx", {}).get("pattern", ""), key_loc[-1])
            problems.append(
                error(
                    document.path,
                    pos.line,
                    pos.col,
                    "schema",
                    f"key `{key_loc[-1]}` under `{describe_loc(key_loc[:-1])}` is not a valid name; "
                    f"{hint or err['msg'].lower()}",
                )
            )
            continue
        if err["type"] == "extra_forbidden":
            pos = document.source.key(loc)
        elif err["type"] == "missing":
            pos = document.source.value(loc[:-1])
        else:
            pos = document.source.value(loc)
        if len(errs) > 1:  # one value failed every member of a union
            given = err.get("input")
            options = "; or ".join(e["msg"].lower() for e in errs)
            if any("unlimited" in e["msg"] for e in errs):
                options = "an amount of 0 or more, or `unlimited`"
            elif {e["type"] for e in errs} <= {"string_type", "int_type", "float_type"}:
                options = "a single text or number value"
            message = f"`{describe_loc(loc)}` is `{given}`, which is not valid: it must be {options}"
        elif err["type"] == "string_pattern_mismatch" and (
            hint := _pattern_hint(err.get("ctx", {}).get("pattern", ""), err.get("input"))
        ):
            message = f"`{describe_loc(loc)}` is `{err.get('input')}`, which is not allowed; {hint}"
        else:
            message = _message(model, err, loc)
        problems.append(error(document.path, pos.line, pos.col, "schema", message))
    return recovered, problems


def _recover(data: Any, model: type[M], grouped: dict[tuple[Any, ...], list[Any]]) -> M | None:
    """Retry without unknown keys, so a misspelt key does not hide the file's other problems.

    Only keys are dropped (never list items, whose indexes locate later diagnostics); if the
    rest is valid the model goes on to the later stages, while the schema errors still fail the run.
    """
    import copy

    pruned = copy.deepcopy(data)
    for loc, errs in grouped.items():
        if errs[0]["type"] != "extra_forbidden" or not loc:
            return None
        parent = pruned
        for part in loc[:-1]:
            parent = parent[part]
        parent.pop(loc[-1], None)
    try:
        return model.model_validate(pruned)
    except ValidationError:
        return None
