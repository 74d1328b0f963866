"""Reports and corrections from published pages: stored, shown to editors only, rate-limited, honeypot."""
from flask import render_template_string
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState as S
from kd.reports.models import Report, ReportCategory, ReportKind, ReportState


def _reports(app):
    with app.app_context():
        return list(db.session.scalars(select(Report).order_by(Report.id)))


def test_anonymous_visitor_reports_a_published_profile(app, client, post, make_profile, member):
    profile = make_profile(submitted_by=member, state=S.APPROVED, name="Arta Berisha")
    page = client.get(f"/report/profile/{profile.slug}").get_data(as_text=True)
    assert "Report: Arta Berisha" in page and 'name="website"' in page
    response = post(f"/report/profile/{profile.slug}", {"category": "privacy", "message": "My home address.",
                                                        "name": "Arta", "email": "arta@example.org"})
    assert response.status_code == 302
    [report] = _reports(app)
    assert (report.kind, report.category, report.subject_type, report.subject_id) == \
        (ReportKind.REPORT, ReportCategory.PRIVACY, "profile", profile.id)
    assert (report.sender_id, report.sender_name, report.sender_email) == (None, "Arta", "arta@example.org")
    assert report.state is ReportState.OPEN
    with app.app_context():
        assert db.session.scalars(select(AuditEntry.action)).all() == ["reports.report_sent"]


def test_member_suggests_a_correction(app, client, login, post, make_story, member):
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo")
    login(member)
    page = client.get(f"/correct/story/{story.slug}").get_data(as_text=True)
    assert 'name="email"' not in page and 'name="category"' not in page
    assert post(f"/correct/story/{story.slug}", {"message": "It was silver."}).status_code == 302
    [report] = _reports(app)
    assert (report.kind, report.category, report.sender_id) == (ReportKind.CORRECTION, None, member.id)


def test_form_errors_keep_the_typed_values(app, post, make_story, member):
    story = make_story(submitted_by=member, state=S.APPROVED)
    response = post(f"/report/story/{story.slug}", {"category": "lies", "message": "", "name": "Ilir <b>",
                                                    "email": "not-an-address"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose one of the listed reasons." in page and "This field is required." in page
    assert "Enter a valid email address" in page and 'value="Ilir &lt;b&gt;"' in page
    too_long = post(f"/report/story/{story.slug}", {"category": "abuse", "message": "x" * 2001})
    assert too_long.status_code == 400 and "x" * 2001 in too_long.get_data(as_text=True)
    assert _reports(app) == []


def test_only_published_pages_can_be_reported(client, make_story, member):
    draft = make_story(submitted_by=member, state=S.SUBMITTED)
    assert client.get(f"/report/story/{draft.slug}").status_code == 404
    assert client.get("/correct/story/no-such-story").status_code == 404
    assert client.get("/report/tag/anything").status_code == 404


def test_honeypot_stores_nothing(app, post, make_story, member):
    story = make_story(submitted_by=member, state=S.APPROVED)
    response = post(f"/correct/story/{story.slug}", {"message": "Buy pills", "website": "http://spam.example"})
    assert response.status_code == 400
    assert _reports(app) == []


def test_sending_is_rate_limited_per_address(app, post, make_story, member):
    story = make_story(submitted_by=member, state=S.APPROVED)
    app.config["REPORT_RATE_LIMIT"] = "3 per hour"
    statuses = [post(f"/correct/story/{story.slug}", {"message": f"Note {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 302]
    assert post(f"/report/story/{story.slug}", {"category": "other", "message": "One more"}).status_code == 429
    assert len(_reports(app)) == 3


def test_editors_see_and_close_reports(app, client, login, post, make_story, make_user, editor, member):
    story = make_story(submitted_by=member, state=S.APPROVED, title="Gold in Tokyo")
    post(f"/report/story/{story.slug}", {"category": "copyright", "message": "My photo <script>x</script>"})
    [report] = _reports(app)
    login(member)
    assert client.get("/editor/reports").status_code == 403
    assert post(f"/editor/reports/{report.id}/close", {"note": "no"}).status_code == 403
    client.post("/account/logout", data={})
    login(editor)
    assert "<strong>1</strong> open report" in client.get("/editor/").get_data(as_text=True)
    page = client.get("/editor/reports").get_data(as_text=True)
    assert "Gold in Tokyo" in page and "&lt;script&gt;" in page and "<script>x" not in page
    assert post(f"/editor/reports/{report.id}/close", {"note": "Photo removed."}).status_code == 302
    [closed] = _reports(app)
    assert (closed.state, closed.closed_by_id, closed.close_note) == (ReportState.CLOSED, editor.id, "Photo removed.")
    assert closed.closed_at is not None
    assert "Photo removed." in client.get("/editor/reports?state=closed").get_data(as_text=True)
    assert post(f"/editor/reports/{report.id}/close", {}).status_code == 400
    assert client.get("/editor/reports?state=maybe").status_code == 400
    with app.app_context():
        assert "reports.closed" in db.session.scalars(select(AuditEntry.action)).all()


def test_buttons_macro_links_both_forms(app):
    with app.test_request_context():
        html = render_template_string('{% from "reports/_buttons.html" import report_buttons %}'
                                      '{{ report_buttons("profile", "arta-berisha") }}')
    assert "/report/profile/arta-berisha" in html and "/correct/profile/arta-berisha" in html


def test_nul_characters_never_reach_the_database(app, client, post, make_story, member):
    story = make_story(submitted_by=member, state=S.APPROVED)
    assert client.get("/report/story/%00%ff").status_code == 404
    refused = post(f"/correct/story/{story.slug}", {"message": "It was\x00 silver.", "name": "A\x00"})
    assert refused.status_code == 400  # the one input filter refuses NUL in any form field
    assert _reports(app) == []
