from urllib.parse import parse_qs, urlsplit

from tests.sharing.page_meta import read_preview


def test_embed_card_is_self_contained_and_frameable(client, make_content):
    make_content(title="Doktoresha në Zürich")
    response = client.get("/embed/stories/story-1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Doktoresha në Zürich" in html and 'href="http://kd.test/stories/story-1"' in html
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert "<script" not in html and "<form" not in html
    assert client.get("/stories/story-1").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_oembed_answers_with_an_iframe_for_a_story(client, make_content):
    make_content(title="Doktoresha në Zürich")
    response = client.get("/oembed?url=http://kd.test/stories/story-1&format=json")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    answer = response.get_json()
    assert answer["version"] == "1.0" and answer["type"] == "rich" and answer["title"] == "Doktoresha në Zürich"
    assert 'src="http://kd.test/embed/stories/story-1"' in answer["html"]
    assert answer["width"] == 560 and answer["author_name"] == "Person 1"
    assert answer["thumbnail_url"].startswith("http://kd.test/cards/stories/story-1.png")


def test_oembed_respects_the_maximum_size(client, make_content):
    make_content()
    answer = client.get("/oembed?url=http://kd.test/stories/story-1&maxwidth=400&maxheight=300").get_json()
    assert (answer["width"], answer["height"]) == (400, 300) and 'width="400"' in answer["html"]
    assert "thumbnail_url" not in answer  # the 1200 px card would exceed maxwidth


def test_oembed_refuses_bad_requests_clearly(client, make_content):
    make_content()
    cases = {"/oembed": 400, "/oembed?url=http://kd.test/stories/story-1&format=xml": 501,
             "/oembed?url=http://kd.test/stories/story-1&maxwidth=wide": 400,
             "/oembed?url=http://kd.test/stories/story-1&maxwidth=%C2%B2": 400,
             "/oembed?url=https://evil.example/stories/story-1": 404,
             "/oembed?url=http://kd.test/stories/no-such-story": 404,
             "/oembed?url=http://kd.test/people/person-1": 404}
    for url, status in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert response.get_json()["error"], url


def test_story_pages_advertise_their_oembed(client, make_content):
    make_content()
    preview = read_preview(client.get("/stories/story-1").get_data(as_text=True))
    [discovery] = preview.link("alternate", type="application/json+oembed")
    assert parse_qs(urlsplit(discovery).query) == {"url": ["http://kd.test/stories/story-1"], "format": ["json"]}
    assert client.get(discovery.removeprefix("http://kd.test")).get_json()["type"] == "rich"
