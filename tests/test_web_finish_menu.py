"""The finish page's menu names the questions as a re-check, like every page of a
person who has a plan (a session needs one), never "Start"."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from test_web_finish import client, new_session  # noqa: F401 (client is a fixture)


def test_the_finish_page_menu_says_check_my_answers_again(client: TestClient) -> None:  # noqa: F811
    session = new_session(client)
    page = client.get(f"/session/{session['session']['id']}/finish?ended=early").text
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    labels = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', nav)
    assert "Check my answers again" in labels and "Start" not in labels
