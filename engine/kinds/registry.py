"""The artifact kinds by name."""
from __future__ import annotations

from .base.kind import Kind
from .catalog import KIND as CATALOG
from .decision_table import KIND as DECISION_TABLE
from .decomposition_rules import KIND as DECOMPOSITION_RULES
from .enrichment_flow import KIND as ENRICHMENT_FLOW
from .fallout_rules import KIND as FALLOUT_RULES
from .import_mapping import KIND as IMPORT_MAPPING
from .jeopardy_rules import KIND as JEOPARDY_RULES
from .orchestration_plan import KIND as ORCHESTRATION_PLAN
from .price_list import KIND as PRICE_LIST
from .pricing_matrix import KIND as PRICING_MATRIX

KIND_SPECS: dict[str, Kind] = {kind.name: kind for kind in (
    CATALOG, PRICE_LIST, PRICING_MATRIX, DECISION_TABLE, ENRICHMENT_FLOW, DECOMPOSITION_RULES,
    ORCHESTRATION_PLAN, JEOPARDY_RULES, FALLOUT_RULES, IMPORT_MAPPING,
)}
KIND_NAMES: tuple[str, ...] = tuple(KIND_SPECS)
"""The artifact kinds' names, in pack order: the one list every other place uses."""
