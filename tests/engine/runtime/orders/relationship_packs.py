"""The demo pack with a per-customer cap on VoIP lines (the shipped pack caps them per order only)."""
from __future__ import annotations

import copy

from studio.packs import PackSource, activate, import_pack, read_pack_folder
from tests.conftest import DEMO_PACK

KEY = "telco-demo-capped"


def activate_capped_voip_pack(runtime, per_customer_max: int):
    """Import and activate the demo pack with ``voip-line`` capped at ``per_customer_max`` per customer."""
    source = read_pack_folder(DEMO_PACK)
    artifacts = copy.deepcopy(source.artifacts)
    catalog = next(a for a in artifacts if a["kind"] == "catalog")
    voip = next(o for o in catalog["body"]["productOfferings"] if o["id"] == "voip-line")
    voip["cardinality"] = {**voip.get("cardinality", {}), "perCustomer": {"max": per_customer_max}}
    with runtime.unit_of_work(actor="test") as uow:
        pack = import_pack(uow, PackSource(KEY, "Telco demo, VoIP capped per customer", source.bindings, artifacts))
        activate(uow, pack)
    return pack
