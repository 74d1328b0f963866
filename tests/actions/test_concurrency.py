"""Simultaneous clicks on "take part", with real threads against the real database."""
import threading

from sqlalchemy import func, select

from kd import db
from kd.accounts.models import User
from kd.actions import services
from kd.actions.models import Action, Participation

CLICKS = 6


def _click(app, action_id: int, user_id: int, barrier: threading.Barrier, outcomes: list) -> None:
    with app.app_context():
        try:
            action, user = db.session.get(Action, action_id), db.session.get(User, user_id)
            barrier.wait(timeout=10)
            with db.transaction():
                services.take_part(action, user, show_name=True)
            outcomes.append("took part")
        except services.AlreadyTookPart:
            outcomes.append("already")
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            outcomes.append(repr(error))
        finally:
            db.session.remove()


def test_simultaneous_clicks_make_one_participation_and_no_error(app, make_user, make_action):
    action, member = make_action(), make_user()
    barrier, outcomes = threading.Barrier(CLICKS), []
    threads = [threading.Thread(target=_click, args=(app, action.id, member.id, barrier, outcomes))
               for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already"] * (CLICKS - 1) + ["took part"], outcomes
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Participation)) == 1


def test_simultaneous_clicks_by_different_members_all_count(app, make_user, make_action):
    action = make_action()
    members = [make_user() for _ in range(4)]
    barrier, outcomes = threading.Barrier(len(members)), []
    threads = [threading.Thread(target=_click, args=(app, action.id, member.id, barrier, outcomes))
               for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == ["took part"] * len(members), outcomes
