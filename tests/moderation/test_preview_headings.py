import re

from kd.content.states import ModerationState as S


def test_preview_shares_the_public_article_one_heading_level_down(client, login, make_story, editor, member):
    story = make_story(submitted_by=member, state=S.SUBMITTED, title="Gold in Tokyo")
    login(editor)
    review = client.get(f"/editor/review/story/{story.id}").get_data(as_text=True)
    public = client.get(f"/stories/{story.slug}").get_data(as_text=True)
    assert re.search(r"<h3 lang=\"en\">Gold in Tokyo</h3>", review)
    assert re.search(r"<h1 lang=\"en\">Gold in Tokyo</h1>", public)
