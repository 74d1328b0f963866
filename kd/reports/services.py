"""Reports and corrections: stored when a visitor sends one, closed by an editor; both audited."""
from __future__ import annotations

from flask_babel import gettext as _

from kd.audit.services import record
from kd.content.kinds import kind_of
from kd.core.auth import require_editor
from kd.core.errors import DomainError
from kd.db import session, utcnow
from kd.reports.models import Report, ReportCategory, ReportKind, ReportState


def send_report(kind: ReportKind, subject, sender, message: str, category: ReportCategory | None = None,
                name: str = "", email: str = "") -> Report:
    """sender is the logged-in user or None; anonymous senders may leave a name and an address."""
    if kind is ReportKind.REPORT and category is None:
        raise DomainError(_("Please choose a reason."))
    signed_in = getattr(sender, "is_authenticated", False)
    report = Report(kind=kind, category=category if kind is ReportKind.REPORT else None,
                    message=message.strip(), subject_type=kind_of(subject), subject_id=subject.id,
                    sender_id=sender.id if signed_in else None,
                    sender_name="" if signed_in else name.strip(), sender_email="" if signed_in else email.strip())
    session.add(report)
    session.flush()
    record(sender if signed_in else None, f"reports.{kind.value}_sent", report, subject_type=report.subject_type,
           subject_id=subject.id, category=category)
    return report


def close_report(report: Report, editor, note: str = "") -> Report:
    require_editor(editor)
    if report.state is ReportState.CLOSED:
        raise DomainError(_("This report is closed already."))
    report.state, report.closed_by_id, report.closed_at = ReportState.CLOSED, editor.id, utcnow()
    report.close_note = note.strip()
    record(editor, "reports.closed", report, **{"from": "open", "to": "closed", "message": report.close_note})
    return report


