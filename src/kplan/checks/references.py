"""References: groups, activities and services named in one file exist in another."""

from __future__ import annotations

from collections.abc import Iterator

from kplan.checks.context import (
    SERVICE_ID,
    CheckContext,
    group_suggestion,
    suggest,
)
from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.plan.model import Plan
from kplan.plan.values import split_ref


def check_groups(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The folder of a card (unless the card sits in activities/ itself), the groups that
    share a card, a meeting's group and a service's groups are groups of plan.yaml."""
    if ctx.plan.meta is None:
        return
    groups = ctx.plan.group_ids()
    for file, loc, part, group in _named_groups(ctx.plan):
        if group not in groups:
            yield diag(file, "KP302", loc, part=part, group=group,
                       suggestion=group_suggestion(group, groups))


def _named_groups(plan: Plan) -> Iterator[tuple[str, Loc, str, str]]:
    """Each group a file names: the file, where in it, and the group."""
    for activity in plan.activities:
        if activity.group:
            yield activity.file, (), "parent", activity.group
        for index, group in enumerate(activity.groups):
            yield activity.file, ("groups", index), "value", group
    for meeting in plan.meetings:
        if meeting.group is not None:
            yield meeting.file, ("group",), "value", meeting.group
    for service in plan.services:
        for index, group in enumerate(service.groups):
            yield service.file, ("groups", index), "value", group


def check_activity_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Meetings, tasks and related activities name activities that exist."""
    known = ctx.plan.present_activity_refs
    for meeting in ctx.plan.meetings:
        for index, ref in enumerate(meeting.activities):
            yield from _missing_ref(meeting.file, ("activities", index), meeting.resolve(ref),
                                    known)
        for index, task in enumerate(meeting.tasks):
            if task.activity is not None:
                yield from _missing_ref(meeting.file, ("tasks", index, "activity"),
                                        meeting.resolve(task.activity), known)
    for activity in ctx.plan.activities:
        for index, related in enumerate(activity.related):
            if isinstance(related, str):  # another plan's activity is free text
                yield from _missing_ref(activity.file, ("related", index), related, known)
        for index, ref in enumerate(activity.after):
            yield from _missing_ref(activity.file, ("after", index), activity.resolve(ref),
                                    known)


def check_after_cycles(ctx: CheckContext) -> Iterator[Diagnostic]:
    """No activity comes after itself through ``after``."""
    follows = {a.ref: [a.resolve(r) for r in a.after] for a in ctx.plan.activities}
    for activity in ctx.plan.activities:
        path = _path_back(activity.ref, follows)
        if path:
            yield diag(activity.file, "KP310", ("after", follows[activity.ref].index(path[0])),
                       ref=activity.ref, path=" → ".join((activity.ref, *path)))


def _path_back(start: str, follows: dict[str, list[str]]) -> tuple[str, ...]:
    """The shortest chain of ``after`` from ``start`` back to ``start``, or empty."""
    paths: list[tuple[str, ...]] = [(ref,) for ref in follows.get(start, [])]
    seen: set[str] = set()
    while paths:
        path = paths.pop(0)
        if path[-1] == start:
            return path
        if path[-1] not in seen:
            seen.add(path[-1])
            paths += [(*path, ref) for ref in follows.get(path[-1], [])]
    return ()


def _missing_ref(file: str, loc: tuple[str | int, ...], ref: str,
                 known: set[str]) -> Iterator[Diagnostic]:
    if ref not in known:
        group, _ = split_ref(ref)
        same_group = {r for r in known if r.startswith(f"{group}/")} or known
        yield diag(file, "KP303", loc, ref=ref,
                   suggestion=suggest(ref, same_group, "aktivity plánu", "the plan's activities"))


def check_partner_services(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A partner written as an id (lowercase, with a hyphen) names a service of the plan."""
    services = ctx.plan.present_service_ids
    for activity in ctx.plan.activities:
        for index, partner in enumerate(activity.partners):
            if "-" in partner and SERVICE_ID.match(partner) and partner not in services:
                yield diag(activity.file, "KP304", ("partners", index), service=partner,
                           suggestion=suggest(partner, services, "služby plánu",
                                               "the plan's services"))
