"""Readers: a help desk's export or API listing, read into neutral `Macro` records for the importer.

Each reader accepts what the vendor's API returns (and what `playbook export` writes for it):

- zendesk: `GET /api/v2/macros` (`{"macros": [...], "next_page": ..., "count": n}`), one macro
  (`{"macro": {...}}`) or a bare list. The reply is the `comment_value` (or `comment_value_html`)
  action, whose value may be text or `["channel:all", text]`; `subject` and `set_tags` /
  `current_tags` actions give the subject and tags. Inactive macros, internal notes
  (`comment_mode_is_public: false`) and macros that write no comment are skipped, and said so.
- freshdesk: `GET /api/v2/canned_response_folders/{id}/responses` (a list of canned responses with
  `title`, `content_html`, `content`, `folder_id`), the same with `canned_response_folders`
  beside it to name the folders, or the folders-with-responses file `playbook export` writes.
- helpscout: a list of saved replies as `GET /v2/mailboxes/{id}/saved-replies/{replyId}` returns
  each (`name`, `text` HTML, `chatText`); the list endpoint's previews are refused, as they are
  cut short.
- csv: a header with `title` (or `name`) and `body` (or `content`, `text`); optional `category`,
  `tags`, `subject`, `channel`, `active`, and the columns `playbook export --to csv` writes.

Problems are one line each, naming the file and the JSON path or CSV line; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .htmltext import looks_like_html, to_text

MAX_INPUT_BYTES = 200_000_000
"""Largest export file accepted; 5,000 macros are about 10 MB."""


@dataclass
class Macro:
    """One reply read from a help desk, before it becomes part of a scenario."""

    where: str  # file and JSON path or CSV line, for messages
    title: str
    body: str  # text, placeholders still in the vendor's syntax
    kind: str = "email"  # "email" or "chat"
    subject: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    folder: str | None = None  # Freshdesk folder, CSV category
    meta: dict[str, Any] = field(default_factory=dict)  # the `playbook` block of our own export
    vendor_id: str | None = None


@dataclass
class Read:
    """What a file held: the macros, what was skipped and why, and what could not be read."""

    macros: list[Macro] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # macros that cannot be imported (content)
    unusable: list[str] = field(default_factory=list)  # the file itself is not what was asked (usage)


def _decode(path: Path) -> str:
    """The file's text; OSError and UnicodeError are left to the caller to word."""
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise ValueError(f"{path}: the file is over {MAX_INPUT_BYTES // 1_000_000} MB; split it")
    raw = path.read_bytes()
    if b"\0" in raw[:4096]:
        raise ValueError(f"{path}: not text (it holds binary data); give the JSON or CSV file itself")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def _json(path: Path, read: Read) -> Any:
    try:
        return json.loads(_decode(path))
    except json.JSONDecodeError as exc:
        read.unusable.append(
            f"{path}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg}); give the file the help desk's API "
            "returned, unchanged"
        )
    except ValueError as exc:
        read.unusable.append(str(exc))
    except RecursionError:
        read.unusable.append(f"{path}: the JSON is nested too deeply to be a help desk export")
    return None


def _text_of(value: Any) -> str | None:
    """A comment action's value: text, or Zendesk's `["channel:all", text]`."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[1]
    return None


def _shown(item: dict[str, Any], key: str) -> str:
    ident = item.get("id")
    name = item.get(key)
    bits = [f"id {ident}" if ident is not None else "", f'"{name}"' if isinstance(name, str) else ""]
    return " ".join(b for b in bits if b)


def _meta(item: dict[str, Any]) -> dict[str, Any]:
    meta = item.get("playbook")
    return meta if isinstance(meta, dict) else {}


def _titled(item: Any, key: str, where: str, what: str, read: Read) -> str | None:
    """How messages name a vendor object (`file: $[3] (id 7 "Refunds")`), or None, with a problem
    said, when it is not an object with that text key."""
    if not isinstance(item, dict) or not isinstance(item.get(key), str) or not item[key].strip():
        read.problems.append(f"{where}: not {what}")
        return None
    return f"{where} ({_shown(item, key)})"


def _from(item: dict[str, Any], title: str, where: str, body: str, **more: Any) -> Macro:
    """A macro read from a vendor object: its title, id and our `playbook` block, if any."""
    vendor_id = str(item["id"]) if item.get("id") is not None else None
    return Macro(where, item[title].strip(), body, meta=_meta(item), vendor_id=vendor_id, **more)


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def _zendesk(path: Path, data: Any, read: Read) -> None:
    if isinstance(data, dict) and isinstance(data.get("macro"), dict):
        items, base = [data["macro"]], "$.macro"
    elif isinstance(data, dict) and isinstance(data.get("macros"), list):
        items, base = data["macros"], "$.macros"
        if data.get("next_page"):
            read.warnings.append(
                f"{path}: this is one page of the macros (next_page is set); only its "
                f"{len(items)} macros are read: fetch every page and import each, or merge them"
            )
    elif isinstance(data, list):
        items, base = data, "$"
    else:
        found = (
            f"an object with keys {', '.join(sorted(data)[:6])}"
            if isinstance(data, dict)
            else type(data).__name__
        )
        read.unusable.append(
            f'{path}: not a Zendesk macros listing: expected {{"macros": [...]}} as GET /api/v2/macros '
            f"returns, found {found}"
        )
        return
    for n, item in enumerate(items):
        where = f"{path}: {base}[{n}]" if base != "$.macro" else f"{path}: {base}"
        _zendesk_macro(item, where, read)


def _zendesk_macro(item: Any, where: str, read: Read) -> None:
    shown = _titled(
        item, "title", where, "a macro (it needs a `title` and `actions`, as Zendesk writes them)", read
    )
    if shown is None:
        return
    if item.get("active") is False:
        read.skipped.append(f"{shown}: inactive in Zendesk, skipped")
        return
    actions = item.get("actions")
    if not isinstance(actions, list):
        read.problems.append(f"{shown}: `actions` must be a list of {{field, value}} as Zendesk writes them")
        return
    body = html = subject = None
    tags: list[str] = []
    public = True
    for i, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("field"), str):
            read.problems.append(f'{where}.actions[{i}]: not an action ({{"field": ..., "value": ...}})')
            return
        fld, value = action["field"], action.get("value")
        if fld == "comment_value":
            body = _text_of(value)
        elif fld == "comment_value_html":
            html = _text_of(value)
        elif fld == "subject" and isinstance(value, str):
            subject = value
        elif fld in ("set_tags", "current_tags"):
            tags += _tags(value)
        elif fld == "comment_mode_is_public" and str(value).lower() == "false":
            public = False
    if not public:
        read.skipped.append(f"{shown}: writes an internal note, not a reply to the customer; skipped")
        return
    if html is not None and html.strip():
        body = to_text(html)
    elif body is not None and looks_like_html(body):
        read.warnings.append(f"{shown}: the comment is HTML; read as plain text (check the line breaks)")
        body = to_text(body)
    if body is None or not body.strip():
        read.warnings.append(
            f"{shown}: sets ticket fields but writes no comment (no `comment_value` action): "
            "not a reply, skipped"
        )
        return
    description = item.get("description") if isinstance(item.get("description"), str) else None
    read.macros.append(_from(item, "title", shown, body, subject=subject, description=description, tags=tags))


def _freshdesk(path: Path, data: Any, read: Read) -> None:
    pairs: list[tuple[Any, str, str | None]] = []  # (response, json path, folder name)
    if isinstance(data, list):
        pairs = [(item, f"$[{n}]", None) for n, item in enumerate(data)]
    elif isinstance(data, dict) and isinstance(data.get("canned_responses"), list):
        names = {
            f.get("id"): f.get("name")
            for f in data.get("canned_response_folders") or []
            if isinstance(f, dict) and isinstance(f.get("name"), str)
        }
        pairs = [
            (
                item,
                f"$.canned_responses[{n}]",
                names.get(item.get("folder_id")) if isinstance(item, dict) else None,
            )
            for n, item in enumerate(data["canned_responses"])
        ]
    elif isinstance(data, dict) and isinstance(data.get("canned_response_folders"), list):
        for f, folder in enumerate(data["canned_response_folders"]):
            if not isinstance(folder, dict) or not isinstance(folder.get("canned_responses"), list):
                read.problems.append(
                    f"{path}: $.canned_response_folders[{f}]: needs `name` and `canned_responses`"
                )
                continue
            name = folder.get("name") if isinstance(folder.get("name"), str) else None
            pairs += [
                (item, f"$.canned_response_folders[{f}].canned_responses[{n}]", name)
                for n, item in enumerate(folder["canned_responses"])
            ]
    elif isinstance(data, dict) and "title" in data:
        pairs = [(data, "$", None)]
    else:
        read.unusable.append(
            f"{path}: not Freshdesk canned responses: expected a list of canned responses as "
            "GET /api/v2/canned_response_folders/{id}/responses returns"
        )
        return
    for item, at, folder in pairs:
        shown = _titled(
            item, "title", f"{path}: {at}", "a canned response (it needs a `title` and `content_html`)", read
        )
        if shown is None:
            continue
        html, plain = item.get("content_html"), item.get("content")
        if isinstance(html, str) and html.strip():
            body = to_text(html)
        elif isinstance(plain, str) and plain.strip():
            body = to_text(plain) if looks_like_html(plain) else plain
        else:
            read.warnings.append(f"{shown}: has no `content_html` or `content`; nothing to import, skipped")
            continue
        read.macros.append(_from(item, "title", shown, body, folder=folder))


def _helpscout(path: Path, data: Any, read: Read) -> None:
    if isinstance(data, dict) and isinstance(data.get("_embedded"), dict):
        data = data["_embedded"].get("replies", data)
    if isinstance(data, dict) and "name" in data:
        data = [data]
    if not isinstance(data, list):
        read.unusable.append(
            f"{path}: not Help Scout saved replies: expected a list of saved replies, each as "
            "GET /v2/mailboxes/{id}/saved-replies/{replyId} returns it (name, text, chatText)"
        )
        return
    if data and all(isinstance(i, dict) and "preview" in i and "text" not in i for i in data):
        read.unusable.append(
            f"{path}: holds only previews, as List Saved Replies returns them (cut short); fetch each saved "
            "reply with GET /v2/mailboxes/{id}/saved-replies/{replyId} and import a list of those"
        )
        return
    for n, item in enumerate(data):
        shown = _titled(
            item,
            "name",
            f"{path}: $[{n}]",
            "a saved reply (it needs a `name` and `text` or `chatText`)",
            read,
        )
        if shown is None:
            continue
        text, chat = item.get("text"), item.get("chatText")
        if not isinstance(text, str) and not isinstance(chat, str):
            if "preview" in item or "chatPreview" in item:
                read.problems.append(
                    f"{shown}: holds only a `preview` (the list endpoint cuts replies short); fetch each "
                    "saved reply with GET /v2/mailboxes/{id}/saved-replies/{replyId} and import those"
                )
            else:
                read.warnings.append(f"{shown}: has no `text` or `chatText`; nothing to import, skipped")
            continue
        if isinstance(text, str) and text.strip():
            read.macros.append(_from(item, "name", shown, to_text(text), kind="email"))
        if isinstance(chat, str) and chat.strip():
            read.macros.append(_from(item, "name", shown, chat.strip(), kind="chat"))


_TITLE = ("title", "name")
_BODY = ("body", "content", "text")


def csv_file(path: Path) -> Read:
    read = Read()
    try:
        text = _decode(path)
    except ValueError as exc:
        read.unusable.append(str(exc))
        return read
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        read.unusable.append(f"{path}: the file is empty; give a CSV with a header row (title, body, ...)")
        return read
    except csv.Error as exc:
        read.unusable.append(f"{path}:1: not CSV ({exc})")
        return read
    title = next((header.index(c) for c in _TITLE if c in header), None)
    body = next((header.index(c) for c in _BODY if c in header), None)
    if title is None or body is None:
        read.unusable.append(
            f"{path}:1: the header must name a `title` and a `body` column; it has: "
            f"{', '.join(header) or 'nothing'}"
        )
        return read
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, row, strict=False))
            where = f"{path}:{line}"
            name, content = cells.get(header[title], "").strip(), cells.get(header[body], "")
            if len(row) > len(header):
                read.problems.append(
                    f"{where}: {len(row)} cells but {len(header)} columns; quote cells holding commas"
                )
                continue
            if not name:
                read.problems.append(
                    f"{where}: the `{header[title]}` cell is empty; every reply needs a title"
                )
                continue
            if cells.get("active", "").strip().lower() in ("false", "no", "0", "inactive"):
                read.skipped.append(f'{where} ("{name}"): inactive, skipped')
                continue
            if not content.strip():
                read.warnings.append(f'{where} ("{name}"): the `{header[body]}` cell is empty; skipped')
                continue
            if looks_like_html(content):
                content = to_text(content)
            keys = ("external_id", "scenario", "reply", "category", "channel", "tone", "intent", "follow_up")
            meta: dict[str, Any] = {k: cells[k].strip() for k in keys if cells.get(k, "").strip()}
            if cells.get("variables", "").strip():
                try:
                    meta["variables"] = json.loads(cells["variables"])
                except json.JSONDecodeError:
                    read.warnings.append(
                        f"{where}: the `variables` cell is not JSON; its variables are read as new"
                    )
            read.macros.append(
                Macro(
                    where=f'{where} ("{name}")',
                    title=name,
                    body=content.replace("\r\n", "\n"),
                    kind="chat"
                    if cells.get("channel_kind", "").strip() in ("chat", "bot", "sms", "social")
                    else "email",
                    subject=cells.get("subject", "").strip() or None,
                    description=cells.get("purpose", "").strip()
                    or cells.get("description", "").strip()
                    or None,
                    tags=cells.get("tags", "").replace(",", " ").split(),
                    folder=cells.get("category_title", "").strip() or None,
                    meta=meta,
                )
            )
    except csv.Error as exc:
        read.problems.append(f"{path}:{rows.line_num}: not CSV ({exc}); check the quotes on that line")
    return read


def _json_reader(parse: Callable[[Path, Any, Read], None]) -> Callable[[Path], Read]:
    """A reader of a JSON file: the file decoded once, then `parse` on its data."""

    def reader(path: Path) -> Read:
        read = Read()
        data = _json(path, read)
        if not read.unusable:
            parse(path, data, read)
        return read

    return reader


zendesk = _json_reader(_zendesk)
freshdesk = _json_reader(_freshdesk)
helpscout = _json_reader(_helpscout)
READERS: dict[str, Callable[[Path], Read]] = {
    "zendesk": zendesk,
    "freshdesk": freshdesk,
    "helpscout": helpscout,
    "csv": csv_file,
}


def read_file(fmt: str, path: Path) -> Read:
    """The macros of `path` read as `fmt`; an unreadable file is a problem, never an exception."""
    try:
        return READERS[fmt](path)
    except OSError as exc:
        read = Read()
        read.unusable.append(f"{path}: cannot read the file ({exc.strerror})")
        return read
