"""The exercise page's 3D viewer as the server sends it: the page, the motion route and
the vendored three.js (the browser side is in test_web_viewer_browser.py)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import REPO
from supple.figures.solid import solid_motion
from supple.web.routes import pages_catalog
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

STATIC = REPO / "src" / "supple" / "web" / "static"
VENDOR = STATIC / "vendor" / "three"
SCRIPT = REPO / "scripts" / "vendor-three"
MOTION = re.compile(r"data-motion='([^']*)'")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def motion_urls(page: str) -> dict[str, str]:
    found = MOTION.search(page)
    assert found, "the page has no 3D viewer"
    urls: dict[str, str] = json.loads(html.unescape(found.group(1)))
    return urls


def test_a_per_side_exercise_offers_both_sides_in_3d(client: TestClient) -> None:
    page = client.get("/exercises/supine-figure-four").text
    urls = motion_urls(page)
    assert sorted(urls) == ["left", "right"]
    for side, url in urls.items():
        assert re.fullmatch(
            rf"/figures/motion/supine-figure-four-{side}\.[0-9a-f]{{12}}\.json", url
        )
    section = page[page.index('<section class="viewer3d"') :]
    section = section[: section.index("</section>")]
    assert " hidden" in section.split(">")[0]  # shown only once the script has WebGL
    assert 'role="img"' in section and 'aria-label="3D model of' in section
    assert 'aria-describedby="viewer3d-desc viewer3d-keys"' in section
    assert 'tabindex="0"' in section
    for name in ("Turn left", "Pause", "Turn right", "Left side", "Right side"):
        assert f">{name}</button>" in section
    assert 'role="group" aria-label="Side shown"' in section
    assert re.search(r'<script type="module" src="/static/viewer3d\.js\?v=[0-9a-f]{12}">', page)
    three = re.search(
        r'data-three="(/static/vendor/three/three\.module\.min\.js\?v=[0-9a-f]+)"', page
    )
    assert three and client.get(three.group(1)).status_code == 200
    assert page.count('class="figure-slot"') == 2  # the drawings stay, for print and no WebGL


def test_an_exercise_done_once_has_one_side_and_no_side_choice(client: TestClient) -> None:
    page = client.get("/exercises/arm-circles").text
    assert list(motion_urls(page)) == ["left"]
    assert "Side shown" not in page


def test_the_motion_route_serves_the_figure_cores_data(client: TestClient) -> None:
    urls = motion_urls(client.get("/exercises/clamshell").text)
    response = client.get(urls["right"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "set-cookie" not in response.headers  # nothing personal: a browser may keep it
    assert response.json() == json.loads(json.dumps(solid_motion("clamshell", "right")))


def test_an_old_or_unversioned_motion_address_is_checked_again(client: TestClient) -> None:
    for url in (
        "/figures/motion/clamshell-left.json",
        "/figures/motion/clamshell-left.000000000000.json",
    ):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-cache"
        again = client.get(url, headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304


@pytest.mark.parametrize(
    "name",
    ["no-such-exercise-left.json", "clamshell-middle.json", "clamshell-left.svg", "clamshell.json"],
)
def test_a_motion_address_that_names_nothing_is_404(client: TestClient, name: str) -> None:
    assert client.get(f"/figures/motion/{name}").status_code == 404


def test_without_motion_the_page_keeps_its_drawings_and_has_no_viewer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_catalog, "motion_file", lambda exercise, side: None)
    page = client.get("/exercises/clamshell").text
    assert "viewer3d" not in page
    assert 'class="figure-slot"' in page


def test_the_page_policy_still_allows_scripts_from_this_server_only(client: TestClient) -> None:
    policy = client.get("/exercises/clamshell").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy


def test_the_viewer_script_loads_three_only_from_the_page_and_motion_from_this_server() -> None:
    script = (STATIC / "viewer3d.js").read_text()
    assert not re.search(r"https?://", script)
    assert "import(root.dataset.three)" in script


def test_the_vendored_three_matches_its_manifest_and_the_pinned_version() -> None:
    manifest = json.loads((VENDOR / "manifest.json").read_text())
    pinned = re.search(r"^VERSION=(\S+)", SCRIPT.read_text(), re.MULTILINE)
    assert pinned and manifest["version"] == pinned.group(1)
    assert sorted(manifest["files"]) == sorted(
        p.name for p in VENDOR.iterdir() if p.name != "manifest.json"
    )
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    licence = (VENDOR / "LICENSE").read_text()
    assert "The MIT License" in licence and "three.js authors" in licence
    module = (VENDOR / "three.module.min.js").read_text()
    assert set(re.findall(r'from\s*"([^"]+)"', module)) == {"./three.core.min.js"}
    assert (
        f'"{manifest["version"].split(".")[1]}"' in (VENDOR / "three.core.min.js").read_text()[:400]
    )


def test_the_vendor_script_checks_the_copy_without_the_network(tmp_path: Path) -> None:
    done = subprocess.run([str(SCRIPT), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "matches its manifest" in done.stdout
    # A copy of the repository's layout with one vendored file changed is refused.
    (tmp_path / "scripts").mkdir()
    copy = tmp_path / "scripts" / "vendor-three"
    copy.write_bytes(SCRIPT.read_bytes())
    copy.chmod(0o755)
    moved = tmp_path / VENDOR.relative_to(REPO)
    moved.mkdir(parents=True)
    for path in VENDOR.iterdir():
        (moved / path.name).write_bytes(path.read_bytes())
    (moved / "three.core.min.js").write_text("export const tampered = 1;\n")
    done = subprocess.run([str(copy), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "three.core.min.js does not match its sha256" in done.stderr
