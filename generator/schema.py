"""Schema: the JSON Schema of the scenario and policy formats, for editors and `playbook schema`."""

from __future__ import annotations

import json
from typing import Any

from .model import Policy, Scenario


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Playbook scenario"
    return schema


def policy_schema() -> dict[str, Any]:
    schema = Policy.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Playbook policy"
    return schema


def scenario_schema_json() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False)


def policy_schema_json() -> str:
    return json.dumps(policy_schema(), indent=2, ensure_ascii=False)
