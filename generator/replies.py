"""Replies: render every reply template in Jinja's sandbox against its declared placeholders.

The replies stage. A reply may use the policy's global placeholders and its scenario's
variables, nothing else: an undeclared name is an error at its line in the YAML file. Rendering
uses each placeholder's example value; the result is the preview the site shows and the text
the lint stage reads. Templates are untrusted code, so output size and recursion are bounded.
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import plain_template
from .bounded import Failed, run_bounded
from .diagnostics import Diagnostic, error
from .load import Document
from .model import Policy, Reply, Scenario
from .playbook import Playbook

MAX_OUTPUT_CHARS = 20_000
"""Longest rendered reply accepted; a real reply is under 3,000 characters."""

MAX_RANGE = 1_000
"""Largest `range()` a template may build."""

TEMPLATE_NAME = "<reply>"
_JINJA_GLOBALS = {"range", "loop", "namespace", "dict", "cycler", "joiner", "lipsum", "super", "self"}


@dataclass(frozen=True)
class RenderedReply:
    """A reply rendered with example values, with where its template sits in the YAML file."""

    scenario: Scenario
    reply: Reply
    index: int
    document: Document
    subject: str | None
    text: str
    slotted: str | None = None  # the body with a marker where each placeholder goes (for fill-in)
    slotted_subject: str | None = None  # the subject likewise

    @property
    def body_loc(self) -> tuple[str | int, ...]:
        return ("replies", self.index, "body")


class _OutputTooLarge(Exception):
    pass


def _safe_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise SecurityError(f"range() of {len(result)} items; at most {MAX_RANGE} are allowed")
    return result


class _ReplySandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with `*`, `**` and `%` refused when they would build huge values."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"the power {right} is too large for a reply")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(n, int)
                    and len(seq) * n > MAX_OUTPUT_CHARS
                ):
                    raise SecurityError(f"repeating a value {n} times builds more than a reply may hold")
        return super().call_binop(context, operator, left, right)


def make_environment() -> ImmutableSandboxedEnvironment:
    """The sandbox every reply renders in: undefined names raise, nothing is auto-escaped."""
    env = _ReplySandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals = {"range": _safe_range}
    return env


def placeholders(policy: Policy, scenario: Scenario) -> dict[str, Any]:
    """Declared placeholder names mapped to their example values."""
    values: dict[str, Any] = {name: p.example for name, p in policy.placeholders.items()}
    values.update({name: v.example for name, v in scenario.variables.items()})
    return values


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """Turn `{"order.id": 1}` into `{"order": {"id": 1}}` for Jinja's attribute syntax."""
    tree: dict[str, Any] = {}
    for name in sorted(flat, key=lambda n: n.count(".")):
        parts = name.split(".")
        node = tree
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node.setdefault(parts[-1], flat[name])
    return tree


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _dotted(node.node)
        return f"{inner}.{node.attr}" if inner else None
    return None


def used_placeholders(ast: nodes.Template) -> list[tuple[str, int]]:
    """Every placeholder a template reads, as (dotted name, template line), in order."""
    assigned = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    assigned |= {m.name for m in ast.find_all(nodes.Macro)}
    inner = {id(n.node) for n in ast.find_all(nodes.Getattr)}
    found: list[tuple[str, int]] = []
    for node in ast.find_all((nodes.Name, nodes.Getattr)):
        if id(node) in inner or (isinstance(node, nodes.Name) and node.ctx != "load"):
            continue
        name = _dotted(node)
        if name is None or name.split(".")[0] in assigned | _JINJA_GLOBALS:
            continue
        found.append((name, node.lineno))
    return found


def _column(template: str, line: int, name: str) -> int:
    lines = template.split("\n")
    if 1 <= line <= len(lines):
        match = re.search(r"(?<![\w.])" + re.escape(name).replace(r"\.", r"\s*\.\s*"), lines[line - 1])
        if match:
            return match.start() + 1
    return 1


def _runtime_line() -> int:
    tb = sys.exc_info()[2]
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@functools.lru_cache(maxsize=512)
def _parsed(env: ImmutableSandboxedEnvironment, source: str) -> tuple[nodes.Template, list[tuple[str, int]]]:
    """A template's syntax tree and the placeholders it reads; the body and its fill-in version share it."""
    ast = env.parse(source, name=TEMPLATE_NAME)
    return ast, used_placeholders(ast)


@functools.lru_cache(maxsize=512)
def _compiled(env: ImmutableSandboxedEnvironment, source: str) -> Template:
    code = env.compile(_parsed(env, source)[0], name=TEMPLATE_NAME, filename=TEMPLATE_NAME)
    return env.template_class.from_code(env, code, env.make_globals(None))


def render_template(
    env: ImmutableSandboxedEnvironment,
    source: str,
    context: dict[str, Any],
    declared: set[str],
    where: tuple[Document, tuple[str | int, ...]],
) -> tuple[str | None, list[Diagnostic]]:
    """Render one template; problems are located at their line inside the YAML string."""
    doc, loc = where

    def at(line: int, col: int, rule: str, message: str) -> Diagnostic:
        pos = doc.source.in_text(loc, line, col)
        return error(doc.path, pos.line, pos.col, rule, message)

    try:
        used = _parsed(env, source)[1]
    except TemplateSyntaxError as exc:
        return None, [
            at(
                exc.lineno or 1,
                1,
                "template-syntax",
                f"template syntax error: {exc.message}; check the `{{{{ }}}}` and `{{% %}}` pairs",
            )
        ]
    problems = []
    for name, line in used:
        if not plain_template.is_declared(name, declared):
            options = sorted(declared)
            close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "declare it under `variables:` with an example"
            problems.append(
                at(
                    line,
                    _column(source, line, name),
                    "undeclared-placeholder",
                    f"placeholder `{name}` is not declared; {hint}",
                )
            )
    if problems:
        return None, problems
    try:
        template = _compiled(env, source)
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _OutputTooLarge
            chunks.append(chunk)
    except _OutputTooLarge:
        return None, [
            at(
                1,
                1,
                "template-output",
                f"the template writes more than {MAX_OUTPUT_CHARS:,} characters; shorten it",
            )
        ]
    except SecurityError as exc:
        return None, [
            at(
                _runtime_line(),
                1,
                "template-unsafe",
                f"the template does something not allowed in a reply: {exc}",
            )
        ]
    except UndefinedError as exc:
        return None, [
            at(
                _runtime_line(),
                1,
                "undeclared-placeholder",
                f"{exc.message}; declare the value under `variables:` with an example",
            )
        ]
    except RecursionError:
        return None, [
            at(
                _runtime_line(),
                1,
                "template-unsafe",
                "the template recurses without end; remove the recursion",
            )
        ]
    except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        return None, [
            at(
                _runtime_line(),
                1,
                "template-error",
                f"the template fails when rendered: {exc}; fix the expression",
            )
        ]
    return "".join(chunks).strip(), []


@dataclass(frozen=True)
class _Job:
    """One template to render: where it sits, and what it may use."""

    scenario_index: int
    reply_index: int
    field: str  # "subject" or "body"
    source: str
    context: dict[str, Any]
    marked: dict[str, Any]  # the context with a slot marker for each value (the fill-in version)
    declared: frozenset[str]
    document: Document

    @property
    def loc(self) -> tuple[str | int, ...]:
        return ("replies", self.reply_index, self.field)


SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"
"""Private-use characters around a placeholder's name in the fill-in version of a reply."""


def slot(name: str) -> str:
    return f"{SLOT_OPEN}{name}{SLOT_CLOSE}"


@functools.cache
def _shared_environment() -> ImmutableSandboxedEnvironment:
    """One sandbox per process for all jobs; it keeps no state between renders."""
    return make_environment()


def _slotted(job: _Job) -> str | None:
    """The body (or subject) rendered with a marker for each placeholder, so agents can fill in real values.

    Only exact substitutions survive; a template that computes with a value gives None, and the
    page then offers the example-filled text alone.
    """
    text, problems = render_template(
        _shared_environment(), job.source, job.marked, set(job.declared), (job.document, job.loc)
    )
    return text if text is not None and not problems else None


def _plain_job(job: _Job) -> tuple[str, list[Diagnostic], str | None] | None:
    """The job done without Jinja when its template only substitutes placeholders, else None."""
    pieces = None if "\r" in job.source else plain_template.split(job.source)  # \r: Jinja's, as in fill
    if pieces is None:
        return None
    text = plain_template.fill_pieces(pieces, job.context, job.declared, MAX_OUTPUT_CHARS)
    if text is None:
        return None
    filled = plain_template.fill_pieces(pieces, job.marked, job.declared, MAX_OUTPUT_CHARS)
    return text.strip(), [], filled.strip() if filled is not None else None


def _render_job(job: _Job) -> tuple[str | None, list[Diagnostic], str | None]:
    text, problems = render_template(
        _shared_environment(), job.source, job.context, set(job.declared), (job.document, job.loc)
    )
    return text, problems, _slotted(job) if text is not None else None


def render_replies(book: Playbook) -> tuple[list[RenderedReply], list[Diagnostic]]:
    """Render every reply of every decoded scenario with the example values, within bounds."""
    if book.policy is None:
        return [], []
    jobs: list[_Job] = []
    for n, item in enumerate(book.scenarios):
        flat = placeholders(book.policy, item.scenario)
        context, declared = nest(flat), frozenset(flat)
        marked = nest({name: slot(name) for name in flat})
        for i, reply in enumerate(item.scenario.replies):
            if reply.subject is not None:
                jobs.append(_Job(n, i, "subject", reply.subject, context, marked, declared, item.document))
            jobs.append(_Job(n, i, "body", reply.body, context, marked, declared, item.document))
    plain = [_plain_job(job) for job in jobs]
    jinja = [job for job, done in zip(jobs, plain, strict=True) if done is None]
    rendered_by_jinja = iter(run_bounded(_render_job, jinja))  # untrusted code: in a bounded child
    outcomes = [done if done is not None else next(rendered_by_jinja) for done in plain]
    texts: dict[tuple[int, int, str], str | None] = {}
    slots: dict[tuple[int, int, str], str | None] = {}
    problems: list[Diagnostic] = []
    for job, outcome in zip(jobs, outcomes, strict=True):
        if isinstance(outcome, Failed):
            pos = job.document.source.value(job.loc)
            problems.append(
                error(
                    job.document.path,
                    pos.line,
                    pos.col,
                    "template-unsafe",
                    f"the template was stopped: {outcome.reason}; simplify it",
                )
            )
            texts[(job.scenario_index, job.reply_index, job.field)] = None
            continue
        text, more, slotted = outcome
        problems.extend(more)
        texts[(job.scenario_index, job.reply_index, job.field)] = text
        slots[(job.scenario_index, job.reply_index, job.field)] = slotted
    rendered: list[RenderedReply] = []
    for n, item in enumerate(book.scenarios):
        for i, reply in enumerate(item.scenario.replies):
            body = texts.get((n, i, "body"))
            if body is not None:
                subject = texts.get((n, i, "subject"))
                rendered.append(
                    RenderedReply(
                        item.scenario,
                        reply,
                        i,
                        item.document,
                        subject,
                        body,
                        slots.get((n, i, "body")),
                        slots.get((n, i, "subject")),
                    )
                )
    return rendered, problems
