"""Rule catalogue: what each finding's rule id means, for reports that list rules (SARIF).

The checks name their findings with short ids (`promise-above-limit`); the house style's rules
are documented in their own YAML (`styles/Playbook/*.yml`, read by `toneguide.py`). This module
holds the one line a dashboard shows for each check, and where to read more: the style rules
point into the site's tone guide, the checks into the writers' guide.
"""

from __future__ import annotations

from dataclasses import dataclass

CHECKS: dict[str, str] = {
    # loading and the schema
    "empty-file": "A scenario file is empty; write the scenario or delete the file.",
    "file-too-large": "A file is larger than the loader accepts; split it or shorten it.",
    "not-a-mapping": "The file's top level is not a mapping of keys to values.",
    "yaml-syntax": "The YAML does not parse; fix the syntax at the place shown.",
    "yaml-value": "A YAML value the loader does not accept (a tag or a type it does not read).",
    "yaml-key": "A key that is not a plain name (merge keys, complex keys); write plain keys.",
    "schema": "A value or key that does not fit the schema; see `playbook schema` for the shape.",
    "encoding": "The file is not UTF-8 text; save it as UTF-8.",
    "unreadable": "The file cannot be read; check it exists and is readable.",
    "yaml-alias": "YAML anchors and aliases are not supported; write values out in full.",
    "yaml-depth": "The YAML nests deeper than any scenario needs.",
    "duplicate-key": "The same key appears twice in one mapping; the second would hide the first.",
    "symlink-outside": "A symbolic link points outside the playbook folder.",
    "missing-policy": "playbooks/policy.yaml is missing or does not load.",
    # identity and references
    "duplicate-id": "Two scenarios share an id; ids must be unique.",
    "duplicate-reply-id": "Two replies of one scenario share an id.",
    "id-matches-file": "A scenario's id must equal its file name without .yaml.",
    "category-matches-folder": "A scenario's category must equal the folder it sits in.",
    "unknown-target": "A reference (role, team, channel, action, related scenario) that policy.yaml "
    "or the playbook does not declare.",
    # empowerment and escalation
    "promise-above-limit": "A reply promises more money than the sending role may grant alone.",
    "limit-falls": "A senior role may grant less than a more junior one.",
    "limit-on-non-money-action": "Limits on an action that has no amount.",
    "frontline-cannot-fix": "We are at fault, yet the frontline may grant nothing on first contact.",
    "no-owner": "An escalation path ends with someone who cannot close the case.",
    "repeat-contact-missing": "We are at fault but nothing escalates a repeat contact.",
    "bot-needs-human": "An automated channel with no hand-over to a person.",
    "bouncing": "An escalation path hands the customer over more than once before an owner.",
    "follow-up-missing": "A reply moves to a private channel without a follow-up time.",
    "handle-time-target": "A handle-time target pushes agents to end contacts unsolved.",
    # templates
    "template-syntax": "The reply template does not parse.",
    "template-error": "The reply template fails when rendered with the example values.",
    "template-output": "The reply template writes far more text than any reply needs.",
    "template-unsafe": "The reply template was stopped (too slow, too large or unsafe).",
    "undeclared-placeholder": "A placeholder that neither policy.yaml nor the scenario declares.",
    # review and lint
    "draft": "A reply with no approval: left out of the site and the exports until approved.",
    "review-due": "A reply's review date has passed.",
    "review-overdue": "A reply's review is overdue beyond the grace period.",
    "lint-stopped": "The house style was stopped on a reply (too long or a pathological input).",
    "vale-config": "The house style's configuration does not load.",
    "vale-engine": "The chosen lint engine cannot be used.",
    "todo": "A TODO left in the playbook; finish the text it marks.",
    "site-build": "The site engine failed to build the generated pages.",
    # help-desk export
    "export-placeholder": "A placeholder the help desk cannot express; exported for the agent to fill in.",
    "export-logic": "Template logic the help desk cannot run; that reply is not exported to it.",
}
"""One line per check finding, as a reviewer reads it."""

WRITERS_GUIDE = "editing-the-playbook/"
TONE_GUIDE = "tone-guide/"


@dataclass(frozen=True)
class RuleHelp:
    """What a dashboard shows for one rule: a title, a line of help and a page to read more."""

    id: str
    short: str
    help: str
    page: str  # relative to the site root, with its anchor


def check_help(rule: str) -> RuleHelp:
    text = CHECKS.get(rule, f"The `{rule}` check of the playbook.")
    return RuleHelp(rule, text.split(";")[0].rstrip("."), text, WRITERS_GUIDE)
