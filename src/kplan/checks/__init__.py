"""Cross-file checks: one small function a rule, all listed in ``CHECKS``.

Each check reads the validated plan and yields diagnostics that name a place inside a
document (``loc``); the loader turns those places into lines and columns.
"""


from kplan.checks.cards import (
    check_budget_years_in_period,
    check_change_direction,
    check_contacts_named,
    check_evaluation_says_something,
    check_other_kind_named,
    check_sources_add_up,
    check_spent_sources,
)
from kplan.checks.context import Check, CheckContext
from kplan.checks.names import (
    check_activity_file_names,
    check_duplicate_activities,
    check_duplicate_evaluations,
    check_measure_fits_number,
    check_meeting_file_names,
    check_plan_numbers,
    check_service_file_names,
)
from kplan.checks.needs import (
    check_need_references,
    check_needs_analyses,
    check_needs_meetings,
)
from kplan.checks.plausibility import (
    check_amendments_in_period,
    check_certifications,
    check_done_days,
    check_evaluations_in_period,
    check_funding_sources,
    check_legal_form_items,
    check_measure_defined,
    check_milestones_in_period,
    check_plan_kind,
    check_responsible,
    check_task_due_after_meeting,
)
from kplan.checks.references import (
    check_activity_references,
    check_after_cycles,
    check_groups,
    check_partner_services,
)

__all__ = ["CARD_CHECKS", "CHECKS", "PLAN_CHECKS", "Check", "CheckContext"]

CARD_CHECKS: tuple[Check, ...] = (
    check_activity_file_names,
    check_groups,
    check_service_file_names,
    check_meeting_file_names,
    check_plan_numbers,
    check_measure_fits_number,
    check_duplicate_evaluations,
    check_responsible,
    check_measure_defined,
    check_milestones_in_period,
    check_done_days,
    check_funding_sources,
    check_certifications,
    check_evaluations_in_period,
    check_task_due_after_meeting,
    check_legal_form_items,
    check_needs_analyses,
    check_needs_meetings,
    check_plan_kind,
    check_amendments_in_period,
    check_evaluation_says_something,
    check_sources_add_up,
    check_contacts_named,
    check_other_kind_named,
    check_budget_years_in_period,
    check_spent_sources,
    check_change_direction,
)
"""Checks whose every diagnostic on a card depends only on that card, plan.yaml and the
day, and whose diagnostics on other files depend on no card: a card's are kept in the
cache while these stay the same (``tests/test_incremental.py`` holds them to it)."""
PLAN_CHECKS: tuple[Check, ...] = (
    check_duplicate_activities,
    check_activity_references,
    check_partner_services,
    check_need_references,
    check_after_cycles,
)
"""Checks across cards: of a card they read only what ``kplan.checks.inputs.skeleton``
keeps."""
CHECKS: tuple[Check, ...] = CARD_CHECKS + PLAN_CHECKS
