"""The scenario file format: frozen pydantic models, one per YAML block.

These models check the *shape* of a scenario file (fields, types, ranges). Checks that need
the whole scenario (ids that must exist, red lines that leave no option, quotes that cite an
undeclared source) live in :mod:`grandbargain.model.checks`. Every field's meaning and unit is
in its ``description``, which flows into the JSON Schema (``grandbargain schema``) and into
``docs/reference/scenario-format.md``.

One module per concept: :mod:`.base` (identifiers, frozen mappings, enums), :mod:`.evidence`,
:mod:`.issues`, :mod:`.parties` (parties, acceptance, stakeholders), :mod:`.ratification`
(how parties ratify), :mod:`.linkages` (interactions, constraints, conditions), :mod:`.events`
(events, expectations, calendar) and :mod:`.scenario`. Import the models from here.
"""

from grandbargain.model.schema.base import (
    MAX_QUOTE_WORDS,
    SCHEMA_VERSION,
    DatePrecision,
    EventStatus,
    Frozen,
    FrozenMap,
    Id,
    PartyName,
    Text,
)
from grandbargain.model.schema.events import Calendar, Change, Event, Expectation
from grandbargain.model.schema.evidence import Assumption, Evidence, EvidenceList, Source
from grandbargain.model.schema.issues import Bucket, Issue, Option, TradeEffect
from grandbargain.model.schema.linkages import (
    Condition,
    ConditionState,
    Constraint,
    Interaction,
    Linkages,
)
from grandbargain.model.schema.parties import (
    Acceptance,
    Party,
    Stakeholder,
    StakeholderStance,
    Stance,
)
from grandbargain.model.schema.ratification import PackageRule, Ratification, WinsetRule
from grandbargain.model.schema.scenario import (
    NumberDistribution,
    Parameter,
    Scenario,
    ValueScale,
)

__all__ = [
    "MAX_QUOTE_WORDS",
    "SCHEMA_VERSION",
    "Acceptance",
    "Assumption",
    "Bucket",
    "Calendar",
    "Change",
    "Condition",
    "ConditionState",
    "Constraint",
    "DatePrecision",
    "Event",
    "EventStatus",
    "Evidence",
    "EvidenceList",
    "Expectation",
    "Frozen",
    "FrozenMap",
    "Id",
    "Interaction",
    "Issue",
    "Linkages",
    "NumberDistribution",
    "Option",
    "PackageRule",
    "Parameter",
    "Party",
    "PartyName",
    "Ratification",
    "Scenario",
    "Source",
    "Stakeholder",
    "StakeholderStance",
    "Stance",
    "Text",
    "TradeEffect",
    "ValueScale",
    "WinsetRule",
]
