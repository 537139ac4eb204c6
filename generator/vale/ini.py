"""A reader for Vale's INI dialect (errata-ai/ini with shadows): repeated keys keep every
value, ``#``/``;`` comments, inline comments only after a space, quoted values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ValeConfigError


@dataclass
class Section:
    name: str
    keys: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def value(self, key: str) -> str:
        vals = self.keys.get(key)
        return vals[-1] if vals else ""

    def shadows(self, key: str) -> list[str]:
        return list(self.keys.get(key, []))

    def strings_with_shadows(self, key: str) -> list[str]:
        out: list[str] = []
        for v in self.keys.get(key, []):
            out.extend(p.strip() for p in v.split(","))
        return out


@dataclass
class IniFile:
    sections: dict[str, Section] = field(default_factory=dict)

    def section(self, name: str) -> Section:
        if name not in self.sections:
            self.sections[name] = Section(name)
        return self.sections[name]


def _strip_inline_comment(value: str) -> str:
    for i, c in enumerate(value):
        if c in "#;" and i > 0 and value[i - 1] in " \t":
            return value[:i].rstrip()
    return value


def parse_into(ini: IniFile, text: str, path: str) -> IniFile:
    current = ini.section("")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            end = line.rfind("]")
            if end < 0:
                raise ValeConfigError(f"unclosed section: {line}", path, n, 1)
            current = ini.section(line[1:end].strip())
            continue
        sep = -1
        for i, c in enumerate(line):
            if c in "=:":
                sep = i
                break
        if sep < 0:
            raise ValeConfigError(f"key-value delimiter not found: {line}", path, n, 1)
        key = line[:sep].strip()
        value = line[sep + 1:].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
            value = value[1:-1]
        elif value.startswith('"""'):
            value = value.strip('"')
        else:
            value = _strip_inline_comment(value)
        current.keys.setdefault(key, []).append(value)
        current.lines.setdefault(key, n)
    return ini


def load(paths: list[str]) -> IniFile:
    ini = IniFile()
    ini.section("")
    for p in paths:
        with open(p, encoding="utf-8-sig") as fh:
            parse_into(ini, fh.read(), p)
    return ini
