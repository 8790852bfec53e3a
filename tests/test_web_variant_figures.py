"""The plan page draws the version a plan chose: an item done as an easier variant with
its own pose (the nerve-root profile's seated twist on a chair) shows that variant's
figure, served at its own address; other items keep the exercise's own drawing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conftest import REPO
from supple.figures import figure_svg
from web_fixtures import app_for_tests

PROFILE = REPO / "tests" / "fixtures" / "profiles" / "nerve_root.json"
CHAIR = "/figures/seated-spinal-twist.on-a-chair-left-animated."


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def test_the_plan_page_serves_the_chosen_variants_figure(client: TestClient) -> None:
    made = client.post("/api/plan", json=json.loads(PROFILE.read_text()))
    assert made.is_success and "location" in made.headers, made.text
    items = made.json()["routine"]["items"]
    assert {"exercise": "seated-spinal-twist", "variant": "On a chair"}.items() <= next(
        i for i in items if i["exercise"] == "seated-spinal-twist"
    ).items()
    page = client.get(made.headers["location"].replace("/api/plans/", "/plan/")).text
    urls = re.findall(r'<img src="(/figures/[^"]+)"', page)
    chair = [u for u in urls if u.startswith(CHAIR)]
    assert len(chair) == 1, urls
    assert any(u.startswith(CHAIR.replace("-left-", "-right-")) for u in urls), urls
    assert not any(u.startswith("/figures/seated-spinal-twist-") for u in urls)
    assert "Seated spinal twist (On a chair), right side: the position to aim for" in page
    served = client.get(chair[0])
    assert served.status_code == 200
    assert served.content.decode() == figure_svg("seated-spinal-twist", variant="On a chair")
    assert served.content.decode() != figure_svg("seated-spinal-twist")


def test_an_address_naming_no_drawn_variant_is_not_found(client: TestClient) -> None:
    assert client.get("/figures/seated-spinal-twist.elbow-hook-left.svg").status_code == 404
    assert client.get("/figures/glute-bridge.on-a-chair-left.svg").status_code == 404
    assert client.get("/figures/seated-spinal-twist.on-a-chair-left.svg").status_code == 200
