from __future__ import annotations

from sqlalchemy import func, select

from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.reports.models import Report, ReportKind, ReportState
from kd.stories.models import Story

SUBJECT_MODELS: dict[str, type] = {"profile": Profile, "story": Story}


def published_subject(kind: str, slug: str):
    """The approved profile or story a visitor may report, or None."""
    if "\x00" in slug:  # no slug has one, and PostgreSQL refuses it in a query
        return None
    model = SUBJECT_MODELS[kind]
    return session.scalars(select(model).where(model.slug == slug,
                                               model.state == ModerationState.APPROVED)).first()


def open_counts() -> dict[str, int]:
    rows = session.execute(select(Report.kind, func.count()).where(Report.state == ReportState.OPEN)
                           .group_by(Report.kind))
    counts = {kind.value: 0 for kind in ReportKind}
    counts.update({kind.value: number for kind, number in rows})
    return counts


def reports_page(state: ReportState, number: int, per_page: int) -> tuple[list[Report], int]:
    query = select(Report).where(Report.state == state)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = Report.created_at.asc() if state is ReportState.OPEN else Report.closed_at.desc()
    found = session.scalars(query.order_by(order, Report.id).limit(per_page).offset((number - 1) * per_page))
    return list(found), total


def subject_of(report: Report):
    return session.get(SUBJECT_MODELS[report.subject_type], report.subject_id)
