"""A tiny scenario and outcomes file whose backtest scores can be worked out by hand.

Two parties, two issues with positions. Status quo on 2024-03-01: tariff ``high`` (0), buy
``small`` (0); the event ``cut`` (2024-06-01) moves the tariff to ``mid`` (50). Utilities
(A, B) of each package, with reservation values (0.5, 0.5) on 2024-03-01:

    (high, small) 0.5, 0.5    (mid, small) 0.3, 0.85    (none, small) 0.0, 1.0
    (high, large) 1.0, 0.3    (mid, large) 0.8, 0.65    (none, large) 0.5, 0.8

so Nash is (mid, large): gains (0.3, 0.15), the only package where both gain. The tariff has
two stakeholders of equal weight (clout x salience 1) at 0 and 100: weighted mean 50, weighted
median 0 (the tie goes to the lower position); buy has none, so forecasts skip it.

The outcomes (2024-12-31): tariff at position 40 (nearest option ``mid``), buy ``large``.
"""

from __future__ import annotations

SCENARIO = """\
schema_version: 1
id: tiny
title: Tiny backtest scenario
as_of: 2024-03-01
sources:
  - {id: memo, title: A memo, publisher: Desk, date: 2024-12-31, kind: analysis}
buckets:
  - {id: all, title: All}
issues:
  - id: tariff
    title: Tariff
    bucket: all
    status_quo: high
    options:
      - {id: high, label: High, position: 0}
      - {id: mid, label: Mid, position: 50}
      - {id: none, label: None, position: 100}
  - id: buy
    title: Purchases
    bucket: all
    status_quo: small
    options:
      - {id: small, label: Small, position: 0}
      - {id: large, label: Large, position: 100}
parties:
  - name: A
    stances:
      tariff: {weight: 50, values: {high: 100, mid: 60, none: 0}}
      buy: {weight: 50, values: {small: 0, large: 100}}
  - name: B
    stances:
      tariff: {weight: 50, values: {high: 0, mid: 70, none: 100}}
      buy: {weight: 50, values: {small: 100, large: 60}}
stakeholders:
  - id: s1
    name: S1
    party: A
    kind: agency
    stances: {tariff: {position: 0, salience: 1, clout: 1}}
  - id: s2
    name: S2
    party: B
    kind: agency
    stances: {tariff: {position: 100, salience: 0.5, clout: 2}}
events:
  - id: cut
    title: Tariff cut
    date: 2024-06-01
    status: happened
    changes:
      - {kind: status_quo, issue: tariff, option: mid}
"""

OUTCOMES = """\
schema_version: 1
scenario: tiny
date: 2024-12-31
outcomes:
  - issue: tariff
    position: 40
    assumption: {reasoning: "Cut part of the way."}
  - issue: buy
    option: large
    evidence:
      - {source: memo, quote: "They bought a lot."}
"""
