"""The documented state enums of Ordo and their guarded transitions."""
from engine.states.artifact import ARTIFACT, ArtifactStatus
from engine.states.domain_order import DOMAIN_ORDER, DomainOrderState
from engine.states.machine import IllegalTransition, StateMachine
from engine.states.order_import import ORDER_IMPORT, ImportState
from engine.states.product import PRODUCT, ProductStatus, normalise_status
from engine.states.product_order import ORDER_ITEM, PRODUCT_ORDER, ProductOrderState
from engine.states.stage import JOB_STAGES, Stage
from engine.states.task import TASK, TaskState

__all__ = [
    "ARTIFACT", "ArtifactStatus",
    "DOMAIN_ORDER", "DomainOrderState", "IllegalTransition", "ImportState", "ORDER_IMPORT", "StateMachine", "PRODUCT", "ProductStatus",
    "normalise_status", "ORDER_ITEM", "PRODUCT_ORDER", "ProductOrderState", "JOB_STAGES", "Stage", "TASK",
    "TaskState",
]
