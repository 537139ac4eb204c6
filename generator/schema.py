"""Schema: the JSON Schema of the scenario and policy formats, for editors and `playbook schema`."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .model import Policy, Scenario


def json_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """A model's JSON Schema (draft 2020-12) under `title`."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def scenario_schema() -> dict[str, Any]:
    return json_schema(Scenario, "Playbook scenario")


def policy_schema() -> dict[str, Any]:
    return json_schema(Policy, "Playbook policy")


def scenario_schema_json() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False)


def policy_schema_json() -> str:
    return json.dumps(policy_schema(), indent=2, ensure_ascii=False)
