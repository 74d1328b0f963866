from sqlalchemy import select

from kd import db
from kd.actions.models import Action, ActionStatus
from kd.content.states import ModerationState


def test_demo_actions_are_seeded_once_with_a_win_and_a_proposal(app, runner):
    for _ in range(2):
        assert runner.invoke(args=["kd", "seed-demo"]).exit_code == 0
    with app.app_context():
        actions = db.session.scalars(select(Action)).all()
        assert len(actions) == 4
        assert [a.slug for a in actions if a.status is ActionStatus.WON] == ["kosovo-deserves-visa-free"]
        assert [a.state for a in actions].count(ModerationState.SUBMITTED) == 1
    assert "Kosovo deserves visa-free travel" in app.test_client().get("/actions/wins").get_data(as_text=True)
