"""The pipeline's stages are the ``Stage`` enum: every stage it runs is one, and every job stage has a runner."""
from engine.runtime.orders.pipeline.advance import STAGES
from engine.states import JOB_STAGES, ProductOrderState, Stage


def test_every_stage_the_pipeline_runs_is_a_stage():
    assert set(STAGES) <= set(Stage)
    assert all(isinstance(stage, Stage) for stage in STAGES)


def test_every_job_stage_is_run_by_the_pipeline_and_approving_is_one():
    assert JOB_STAGES <= set(STAGES)
    assert Stage.APPROVING in JOB_STAGES
    assert Stage.AWAITING_APPROVAL not in JOB_STAGES and Stage.FULFILLING not in JOB_STAGES


def test_stored_values_are_unchanged_and_final_stages_match_the_order_states():
    assert [s.value for s in (Stage.CAPTURED, Stage.AWAITING_INFORMATION, Stage.AWAITING_APPROVAL)] == [
        "captured", "awaitingInformation", "awaitingApproval"]
    for state in (ProductOrderState.COMPLETED, ProductOrderState.PARTIAL, ProductOrderState.FAILED,
                  ProductOrderState.REJECTED, ProductOrderState.CANCELLED):
        assert Stage(state) == state.value
